"""Every page revision gets its reading grade when it is saved (a draft, a submission, a
publish), so reports read it from a table instead of working it out per row; `migrate`
installing the app grades the latest revisions saved before it.
"""

from django.apps import apps
from django.db.models.signals import post_migrate, post_save
from wagtail.models import Revision

from plain_language.grades import grade_missing_revisions, record_grade


def grade_new_revision(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record_grade(instance)


def grade_revisions_saved_before(sender, plan=(), **kwargs):
    """After the `migrate` that installs this app: grades the latest revisions saved before."""
    installed = any(
        migration.app_label == sender.label and not backwards for migration, backwards in plan or ()
    )
    if installed:
        grade_missing_revisions()


def connect():
    post_save.connect(grade_new_revision, sender=Revision, dispatch_uid="plain_language_grade")
    post_migrate.connect(
        grade_revisions_saved_before,
        sender=apps.get_app_config("plain_language"),
        dispatch_uid="plain_language_grade_after_migrate",
    )
