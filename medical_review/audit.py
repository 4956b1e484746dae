"""The daily audit of the promise (`manage.py audit_reviews`), and its last result."""

from medical_review.invariant import audit
from medical_review.models import AuditRun


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
