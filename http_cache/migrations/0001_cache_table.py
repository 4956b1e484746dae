"""The database cache's table (production keeps Django's cache there, shared by every process):
every `migrate` makes it, so no command that follows can find it missing."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []
    # Before any migration that may touch the cache (Wagtail clears its site paths from it).
    run_before = [("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
