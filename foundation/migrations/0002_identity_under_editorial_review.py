"""The identity goes live only through the "Editorial review"; editors propose, moderators
approve and take it down."""

from django.db import migrations


def forwards(apps, schema_editor):
    from foundation.setup import ensure_identity_review_setup

    ensure_identity_review_setup(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("foundation", "0001_identity"),
        ("editorial_review", "0003_writers_add_foundation_pages"),
        ("medical_review", "0008_audit_runs"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
