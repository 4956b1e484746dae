"""The glossary's grants and its workflow, made the same way everywhere (the data migration and
the loader use it). Idempotent.

Editors and medical advisors add and change terms; only an approval of the "Medical review"
workflow publishes one. Moderators may unpublish and delete a term.
"""

from django.apps import apps as global_apps

from medical_review.setup import ensure_snippet_review_setup


def ensure_glossary_review_setup(apps=global_apps):
    """Grant the editorial groups the glossary terms and put them under the medical review."""
    ensure_snippet_review_setup("glossary", "glossaryterm", "glossary term", apps)
