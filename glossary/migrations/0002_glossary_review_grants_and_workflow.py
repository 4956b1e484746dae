"""Editors and medical advisors keep glossary terms; the "Medical review" workflow reviews them."""

from django.db import migrations


def forwards(apps, schema_editor):
    from glossary.setup import ensure_glossary_review_setup

    ensure_glossary_review_setup(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("glossary", "0001_glossary_terms_and_page"),
        ("medical_review", "0004_profiles_of_existing_advisors"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
