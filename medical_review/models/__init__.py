"""The medical review's models, one module per concern; every public name is importable from
here (`from medical_review.models import MedicalReview`).

- `profiles`: who signs a review and the languages they review (`ReviewerProfile`);
- `reviews`: the signed record of each approval (`MedicalReview`) and its dates;
- `mixins`: what reviewed page types and snippets carry (`ReviewedPageMixin`…);
- `task`: the workflow task and its rules (`MedicalReviewTask`);
- `reminders`, `audits`: the records of reminders sent and of the promise's audit.
"""

from medical_review.models.audits import AuditRun
from medical_review.models.mixins import (
    ReviewedPageMixin,
    ReviewedSnippetMixin,
    reviewed_page_models,
)
from medical_review.models.profiles import (
    NO_CREDENTIALS,
    NO_PROFILE,
    LanguageCodesField,
    ReviewerProfile,
    content_language_choices,
    default_review_languages,
    language_name,
    pages_in_languages,
    profile_refusal,
    review_languages_of,
    reviewer_profile_of,
    signed_as,
)
from medical_review.models.reminders import ReviewReminder
from medical_review.models.reviews import (
    DEFAULT_REVIEW_INTERVAL_MONTHS,
    REVIEW_LOG_ACTION,
    MedicalReview,
    apply_live_review,
    prefetch_medical_reviews,
    record_medical_review,
    review_due_after,
    review_interval_months,
)
from medical_review.models.task import (
    CHANGED_DURING_REVIEW,
    MedicalReviewTask,
    advisors_to_email,
    content_noun,
    in_review_languages_of,
    is_medical_advisor,
    is_medical_review_workflow,
)

__all__ = [
    "CHANGED_DURING_REVIEW",
    "DEFAULT_REVIEW_INTERVAL_MONTHS",
    "NO_CREDENTIALS",
    "NO_PROFILE",
    "REVIEW_LOG_ACTION",
    "AuditRun",
    "LanguageCodesField",
    "MedicalReview",
    "MedicalReviewTask",
    "ReviewReminder",
    "ReviewedPageMixin",
    "ReviewedSnippetMixin",
    "ReviewerProfile",
    "advisors_to_email",
    "apply_live_review",
    "content_language_choices",
    "content_noun",
    "default_review_languages",
    "in_review_languages_of",
    "is_medical_advisor",
    "is_medical_review_workflow",
    "language_name",
    "pages_in_languages",
    "prefetch_medical_reviews",
    "profile_refusal",
    "record_medical_review",
    "review_due_after",
    "review_interval_months",
    "review_languages_of",
    "reviewed_page_models",
    "reviewer_profile_of",
    "signed_as",
]
