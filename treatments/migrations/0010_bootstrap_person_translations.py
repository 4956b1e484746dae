from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    """Every existing person gets a translation key and the default (English) locale."""

    dependencies = [
        ("treatments", "0009_person_translation_fields"),
        ("editions", "0001_spanish_locale"),
    ]

    operations = [BootstrapTranslatableModel("treatments.Person")]
