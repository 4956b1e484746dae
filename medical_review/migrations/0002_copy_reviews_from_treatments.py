"""Takes over the review task, review records and reminders that `treatments` used to keep.

The task keeps its `wagtailcore_task` row (and so its place in the workflow and every task
state that points at it); only its subclass row moves and its content type changes. Then the
workflow, the task's groups and the guide's grants are made as on a fresh database.
"""

from django.core.management.color import no_style
from django.db import migrations

from medical_review.setup import ensure_review_setup

COPIED_REVIEW_FIELDS = (
    "id",
    "page_id",
    "page_title",
    "revision_id",
    "task_state_id",
    "reviewer_id",
    "reviewer_name",
    "reviewer_credentials",
    "reviewed_at",
    "next_review_due",
    "comment",
    "attested",
)
COPIED_REMINDER_FIELDS = ("id", "recipient_id", "sent_on", "pages_due", "pages_overdue")
OLD_LOG_ACTION, NEW_LOG_ACTION = "treatments.medical_review", "medical_review.approve"


def _copy(old_model, new_model, fields):
    new_model.objects.bulk_create(
        new_model(**{name: getattr(row, name) for name in fields})
        for row in old_model.objects.order_by("pk")
    )


def copy_from_treatments(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    OldTask = apps.get_model("treatments", "MedicalReviewTask")
    NewTask = apps.get_model("medical_review", "MedicalReviewTask")

    new_content_type = ContentType.objects.get_or_create(
        app_label="medical_review", model="medicalreviewtask"
    )[0]
    for old in OldTask.objects.order_by("pk"):
        new = NewTask(task_ptr_id=old.pk)
        # raw: write the subclass row only, the Task row stays as it is.
        new.save_base(raw=True)
    Task.objects.filter(pk__in=OldTask.objects.values("pk")).update(content_type=new_content_type)

    _copy(
        apps.get_model("treatments", "MedicalReview"),
        apps.get_model("medical_review", "MedicalReview"),
        COPIED_REVIEW_FIELDS,
    )
    _copy(
        apps.get_model("treatments", "ReviewReminder"),
        apps.get_model("medical_review", "ReviewReminder"),
        COPIED_REMINDER_FIELDS,
    )
    apps.get_model("wagtailcore", "PageLogEntry").objects.filter(action=OLD_LOG_ACTION).update(
        action=NEW_LOG_ACTION
    )

    # Rows were copied with their ids: move the sequences past them (PostgreSQL).
    models = [
        apps.get_model("medical_review", "MedicalReview"),
        apps.get_model("medical_review", "ReviewReminder"),
    ]
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)

    guide_ids = list(
        apps.get_model("treatments", "TreatmentGuidePage").objects.values_list("pk", flat=True)
    )
    ensure_review_setup(apps, root_page_ids=guide_ids)


class Migration(migrations.Migration):
    dependencies = [
        ("medical_review", "0001_initial"),
        ("treatments", "0004_review_groups_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(copy_from_treatments, migrations.RunPython.noop)]
