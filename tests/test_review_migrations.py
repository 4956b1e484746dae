"""Upgrading a database whose reviews `treatments` kept: the migrations carry them over."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Task, WorkflowPage

from medical_review.models import MedicalReview, MedicalReviewTask, ReviewReminder
from medical_review.permissions import MEDICAL_ADVISORS
from treatments.models import TreatmentGuidePage, TreatmentPage

# It migrates the test database back and forth; the flush after it recreates rows the other
# browser tests' snapshot holds, so it runs after them.
pytestmark = pytest.mark.last

OLD_STATE = [("treatments", "0004_review_groups_and_workflow"), ("medical_review", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """A real transaction on the loaded guide (restored if an earlier such test flushed it)."""
    if not TreatmentGuidePage.objects.exists():
        contents = type(connection.creation.connection)._test_serialized_contents
        connection.creation.deserialize_db_from_string(contents)
    return TreatmentGuidePage.objects.get()


def test_reviews_reminders_and_the_guides_task_survive_the_move_to_medical_review(
    seeded_transactional_db,
):
    guide = seeded_transactional_db
    page = TreatmentPage.objects.live().order_by("path").first()
    task_pk = WorkflowPage.objects.get(page=guide).workflow.tasks.get().pk
    executor = migrate(OLD_STATE)

    # The database as `treatments` kept it: its own task subclass row, reviews, reminders.
    old = executor.loader.project_state(OLD_STATE[:1]).apps
    old_content_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="treatments", model="medicalreviewtask"
    )[0]
    old.get_model("wagtailcore", "Task").objects.filter(pk=task_pk).update(
        content_type=old_content_type
    )
    old.get_model("treatments", "MedicalReviewTask")(task_ptr_id=task_pk).save_base(raw=True)
    reviewer = old.get_model("auth", "User").objects.create(username="old-advisor")
    old.get_model("treatments", "MedicalReview").objects.create(
        id=41,
        page_id=page.pk,
        page_title=page.title,
        reviewer_id=reviewer.pk,
        reviewer_name="Ada Old",
        reviewer_credentials="MD",
        reviewed_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
        next_review_due=datetime.date(2027, 1, 5),
        comment="Checked.",
        attested=True,
    )
    old.get_model("treatments", "ReviewReminder").objects.create(
        recipient_id=reviewer.pk, sent_on=datetime.date(2026, 11, 30), pages_due=3
    )

    migrate(executor.loader.graph.leaf_nodes())

    review = MedicalReview.objects.get(pk=41)
    assert (review.page_id, review.reviewer_name, review.reviewer_credentials) == (
        page.pk,
        "Ada Old",
        "MD",
    )
    assert review.reviewer.username == "old-advisor"
    assert ReviewReminder.objects.get().pages_due == 3
    task = Task.objects.get(pk=task_pk).specific
    assert isinstance(task, MedicalReviewTask)
    assert list(task.groups.values_list("name", flat=True)) == [MEDICAL_ADVISORS]
    workflow = WorkflowPage.objects.get(page=TreatmentGuidePage.objects.get()).workflow
    assert [t.pk for t in workflow.tasks] == [task_pk]
    # New records still get ids of their own after the copied ones.
    assert (
        MedicalReview.objects.create(
            page_title="x", reviewer_name="y", next_review_due=datetime.date(2027, 1, 1)
        ).pk
        > 41
    )
