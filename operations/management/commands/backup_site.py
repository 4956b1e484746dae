from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, backup_site


class Command(BaseCommand):
    help = "Back up the database and the uploaded media into one archive; prints its path."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=settings.BASE_DIR / "backups",
            help="folder of the archive (default: backups/ in the project)",
        )

    def handle(self, *args, output, **options):
        try:
            archive = backup_site(output)
        except BackupError as error:
            raise CommandError(error) from error
        self.stdout.write(str(archive))
