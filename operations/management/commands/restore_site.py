from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, restore_site


class Command(BaseCommand):
    help = "Restore the database and media of a backup_site archive into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive, e.g. backups/sps-backup-….tar.gz")
        parser.add_argument(
            "--force", action="store_true", help="replace the content of a database that has it"
        )

    def handle(self, *args, file, force, **options):
        try:
            database = restore_site(file, force=force)
        except BackupError as error:
            raise CommandError(error) from error
        self.stdout.write(f"Restored {file} into {database}")
