"""Editors, Medical advisors and Moderators."""

from django.db import migrations


def forwards(apps, schema_editor):
    # The workflow, its task and the guide's grants are made by medical_review's migrations.
    from medical_review.setup import ensure_groups

    ensure_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0003_medicalreview_reviewreminder"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
