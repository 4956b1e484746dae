"""The feedback form's guards against spam and floods (`sps_foundation.form_guards`)."""

from sps_foundation.form_guards import MIN_SECONDS, FormGuard, TokenError, TokenExpired

RATE_LIMIT = 5

FEEDBACK = FormGuard("feedback", RATE_LIMIT)

render_token = FEEDBACK.render_token
rendered_at = FEEDBACK.rendered_at
sent_too_fast = FEEDBACK.sent_too_fast
over_rate_limit = FEEDBACK.over_rate_limit
count_submission = FEEDBACK.count_submission

__all__ = [
    "MIN_SECONDS",
    "RATE_LIMIT",
    "TokenError",
    "TokenExpired",
    "count_submission",
    "over_rate_limit",
    "render_token",
    "rendered_at",
    "sent_too_fast",
]
