from django.apps import AppConfig


class MedicalReviewConfig(AppConfig):
    """Medical review of guide pages: the workflow task, review records, reports, reminders."""

    name = "medical_review"
    verbose_name = "Medical review"

    def ready(self):
        from medical_review import signals

        signals.connect()
