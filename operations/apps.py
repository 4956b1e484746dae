from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: backups of the database and the uploaded media, and their restore."""

    name = "operations"
