from django.db import migrations


def create_locales(apps, schema_editor):
    """English (the default, which Wagtail's own migrations make) and Spanish."""
    Locale = apps.get_model("wagtailcore", "Locale")
    if not Locale.objects.filter(language_code="en").exists():
        # A database made while LANGUAGE_CODE was "en-us" may name the English locale so.
        Locale.objects.filter(language_code="en-us").update(language_code="en")
    Locale.objects.get_or_create(language_code="en")
    Locale.objects.get_or_create(language_code="es")


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0098_apitoken")]

    # Going back keeps the locales: pages and snippets in them protect them.
    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
