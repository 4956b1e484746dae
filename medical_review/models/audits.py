"""The record of each run of the promise's audit (`medical_review.audit` runs it)."""

from django.db import models
from django.utils import timezone


class AuditRun(models.Model):
    """One run of the audit: shown in the advisors' dashboard panel."""

    ran_at = models.DateTimeField(default=timezone.now)
    checked = models.PositiveIntegerField(default=0)
    violations = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-ran_at", "-pk"]
        get_latest_by = ["ran_at", "pk"]

    def __str__(self):
        return f"Review audit on {self.ran_at:%Y-%m-%d %H:%M}: {len(self.violations)} violation(s)"

    @property
    def passed(self):
        return not self.violations
