"""Editors and medical advisors translate with Wagtail's simple_translation; the permission of
wagtail-localize, no longer installed, is removed from every group."""

from django.db import migrations


def forwards(apps, schema_editor):
    from medical_review.setup import ensure_translators

    ensure_translators(apps)
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="wagtail_localize").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("medical_review", "0006_editors_submit_translations"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
