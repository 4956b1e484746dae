"""Editors, Medical advisors and Moderators, and the "Medical review" workflow.

On a database that already has the guide page, its subtree is granted and assigned the
workflow here; on a fresh database the loader creates the guide later and the same setup
runs then (treatments.review_setup, called when a TreatmentGuidePage is created).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from treatments.review_setup import ensure_review_setup

    ensure_review_setup(apps)


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
