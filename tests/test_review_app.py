"""The medical review app: its task on the guide, its reviewing groups as a field."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowPage

import medical_review
from medical_review.models import MedicalReview, MedicalReviewTask
from medical_review.permissions import MEDICAL_ADVISORS
from tests.review_support import ATTESTED, edit, new_treatment, workflow_action
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db


def submit_and_approve(client, users, page):
    client.force_login(users["editor"])
    edit(client, page, "action-submit", title=f"{page.title} (revised)")
    client.force_login(users["advisor"])
    return workflow_action(client, page, "approve", ATTESTED)


def test_the_guides_workflow_is_one_medical_review_task_of_the_advisors_group(guide):
    workflow = WorkflowPage.objects.get(page=guide).workflow

    [task] = [task.specific for task in workflow.tasks]
    assert isinstance(task, MedicalReviewTask)
    assert list(task.groups.values_list("name", flat=True)) == [MEDICAL_ADVISORS]


def test_the_reviewing_groups_are_a_field_in_settings_workflow_tasks(client, users, guide):
    task = MedicalReviewTask.objects.get()
    client.force_login(users["superuser"])

    response = client.get(reverse("wagtailadmin_workflows:edit_task", args=[task.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="groups"' in html
    assert MEDICAL_ADVISORS in html


def test_renaming_the_advisors_group_keeps_the_review_working(client, users, guide):
    Group.objects.filter(name=MEDICAL_ADVISORS).update(name="Clinical reviewers")
    page = new_treatment(guide)

    response = submit_and_approve(client, users, page)

    assert response.status_code == 302
    assert TreatmentPage.objects.get(pk=page.pk).title == "Reviewamide (revised)"
    assert MedicalReview.objects.filter(page=page, reviewer=users["advisor"]).exists()


def test_a_group_taken_off_the_task_can_no_longer_approve(client, users, guide):
    MedicalReviewTask.objects.get().groups.clear()
    page = new_treatment(guide)

    response = submit_and_approve(client, users, page)

    assert response.status_code in (302, 403)
    assert TreatmentPage.objects.get(pk=page.pk).title == "Reviewamide"
    assert not MedicalReview.objects.filter(page=page).exists()


def test_medical_review_imports_nothing_from_treatments():
    root = Path(medical_review.__file__).parent
    imported = set()
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue  # historical models come from apps.get_model, by name
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)

    assert "treatments" not in imported
