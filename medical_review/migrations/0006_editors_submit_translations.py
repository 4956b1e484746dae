"""The translator groups hold "Can submit translations"; the medical review still decides what
goes live."""

from django.db import migrations

# No dependency on the translation app's migration: `ensure_translators` makes the permission
# if that migration has not run yet.


def forwards(apps, schema_editor):
    from medical_review.setup import ensure_translators

    ensure_translators(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("medical_review", "0005_reviewer_profile_review_languages"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
