"""The disclaimers live in the `Disclaimer` snippet now (0017)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0017_disclaimer"),
    ]

    operations = [
        migrations.RemoveField(model_name="guidesettings", name="disclaimer"),
        migrations.RemoveField(model_name="guidesettings", name="spanish_disclaimer"),
    ]
