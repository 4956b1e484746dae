"""Takes the user permissions away from Moderators: managing users is for superusers."""

from django.db import migrations

USER_ACTIONS = ("add", "change", "delete", "view")


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        moderators.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="auth",
                codename__in=[f"{action}_user" for action in USER_ACTIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("medical_review", "0002_copy_reviews_from_treatments"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
