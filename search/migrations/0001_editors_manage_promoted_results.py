"""Editors add, change and delete promoted search results (they are not medical content)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from medical_review.setup import ensure_groups

    ensure_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("medical_review", "0002_copy_reviews_from_treatments"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
