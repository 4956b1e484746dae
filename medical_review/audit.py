"""The daily audit of the promise (`manage.py audit_reviews`), and its last result."""

from django.db import models
from django.utils import timezone

from medical_review.invariant import audit


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


def run_audit():
    """Checks every live reviewed object, records the run, and returns it (with `Violation`s)."""
    checked, found = audit()
    run = AuditRun.objects.create(
        checked=checked, violations=[str(violation) for violation in found]
    )
    run.violations = found
    return run


def last_audit():
    return AuditRun.objects.order_by("-ran_at", "-pk").first()
