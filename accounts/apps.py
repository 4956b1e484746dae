from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Who manages the admin's accounts and groups: superusers, and nobody else."""

    name = "accounts"
    default_auto_field = "django.db.models.AutoField"
