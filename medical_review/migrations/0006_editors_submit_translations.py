"""Editors translate pages (wagtail-localize's "Can submit translations"); the medical review
still decides what goes live."""

from django.db import migrations


def forwards(apps, schema_editor):
    from medical_review.setup import ensure_translators

    ensure_translators(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("medical_review", "0005_reviewer_profile_review_languages"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
