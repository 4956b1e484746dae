"""Editors and advisors write the foundation's pages under each home page; the home page's own
fields stay with moderators."""

from django.db import migrations


def forwards(apps, schema_editor):
    from editorial_review.setup import grant_foundation_pages

    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    home = ContentType.objects.filter(app_label="treatments", model="homepage").first()
    if home is not None:
        grant_foundation_pages(
            Page.objects.filter(content_type=home).values_list("pk", flat=True), apps
        )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial_review", "0002_editorial_review_workflow"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
