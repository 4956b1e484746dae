"""The "Editorial review" workflow, on the root page and the home pages that exist: from now
on a change to the home page goes live only when a second moderator approves it."""

from django.db import migrations


def forwards(apps, schema_editor):
    from editorial_review.setup import ensure_editorial_review_setup

    ensure_editorial_review_setup(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial_review", "0001_editorial_review_task"),
        ("medical_review", "0006_editors_submit_translations"),
        ("treatments", "0015_people_reviewed"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
