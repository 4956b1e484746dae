"""Admin side of the medical review: roles, the Reviews due report, the advisors' panel."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowPage

from medical_review.models import MedicalReview
from medical_review.permissions import EDITORS, MEDICAL_ADVISORS, MODERATORS
from medical_review.roles import create_demo_accounts
from medical_review.setup import ensure_review_setup
from tests.review_support import ATTESTED, a_treatment, workflow_action
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db


def grants(group_name):
    return {
        (grant.page.specific_class.__name__, grant.permission.codename)
        for grant in GroupPagePermission.objects.filter(group__name=group_name)
    }


def test_roles_write_in_the_guide_and_under_the_home_page(guide):
    # Under the home page they write the foundation's pages; its own fields stay with
    # moderators (HomePagePermissionTester).
    assert grants(EDITORS) == {
        ("TreatmentGuidePage", "add_page"),
        ("TreatmentGuidePage", "change_page"),
        ("HomePage", "add_page"),
        ("HomePage", "change_page"),
    }
    assert grants(MEDICAL_ADVISORS) == grants(EDITORS)
    # Moderators publish across the site; inside the guide that only lets them unpublish.
    assert ("Page", "publish_page") in grants(MODERATORS)
    moderators = Group.objects.get(name=MODERATORS)
    assert not moderators.permissions.filter(codename="change_user").exists()  # superusers'


def test_guide_is_under_the_medical_review_workflow(guide):
    assert WorkflowPage.objects.get(page=guide).workflow.name == "Medical review"
    assert a_treatment(guide).get_workflow().name == "Medical review"


def test_review_setup_is_idempotent(guide):
    before = GroupPagePermission.objects.count()
    ensure_review_setup()
    call_command("load_treatment_guide", verbosity=0)
    assert GroupPagePermission.objects.count() == before
    assert WorkflowPage.objects.filter(page=guide).count() == 1


def test_demo_accounts_are_one_per_role(db):
    create_demo_accounts()
    from django.contrib.auth import get_user_model

    groups = {
        user.username: set(user.groups.values_list("name", flat=True))
        for user in get_user_model().objects.all()
    }
    assert groups["editor"] == {EDITORS}
    assert groups["advisor"] == groups["advisor2"] == {MEDICAL_ADVISORS}
    assert groups["moderator"] == {MODERATORS}


def test_demo_accounts_are_refused_outside_development(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_demo_accounts")


class TestReviewsDueReport:
    @pytest.fixture
    def reviewed(self, client, users, guide):
        treatment = a_treatment(guide)
        treatment.save_revision(user=users["editor"])
        treatment.get_workflow().start(treatment, users["editor"])
        client.force_login(users["advisor"])
        workflow_action(client, treatment, "approve", ATTESTED)
        return TreatmentPage.objects.get(pk=treatment.pk)

    @pytest.fixture
    def overdue(self, guide, reviewed):
        other = TreatmentPage.objects.live().exclude(pk=reviewed.pk).order_by("path").last()

        MedicalReview.objects.create(
            page=other,
            page_title=other.title,
            reviewer_name="Old Reviewer",
            reviewer_credentials="PhD",
            reviewed_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
            next_review_due=datetime.date(2021, 1, 1),
            attested=True,
        )
        return other

    def test_lists_overdue_first_then_never_reviewed_then_due_later(
        self, client, reviewed, overdue
    ):
        response = client.get(reverse("medical_review_reviews_due"))

        assert response.status_code == 200
        pages = list(response.context["object_list"])
        assert pages[0].pk == overdue.pk
        assert pages[0].review_status == "overdue"
        assert pages[-1].pk == reviewed.pk
        assert pages[-1].last_reviewer == "Ada Advisor, MD"
        assert "Overdue" in response.content.decode()

    def test_filters_by_review_status(self, client, reviewed, overdue):
        response = client.get(reverse("medical_review_reviews_due"), {"review_status": "overdue"})
        assert [p.pk for p in response.context["object_list"]] == [overdue.pk]

        response = client.get(reverse("medical_review_reviews_due"), {"review_status": "current"})
        assert [p.pk for p in response.context["object_list"]] == [reviewed.pk]

    def test_filters_by_last_reviewer(self, client, reviewed, overdue):
        response = client.get(reverse("medical_review_reviews_due"), {"last_reviewer": "old rev"})
        assert [p.pk for p in response.context["object_list"]] == [overdue.pk]

    def test_bad_filter_value_is_not_a_server_error(self, client, reviewed):
        response = client.get(reverse("medical_review_reviews_due"), {"review_status": "<bogus>"})
        assert response.status_code == 200

    def test_exports_csv(self, client, reviewed, overdue):
        response = client.get(reverse("medical_review_reviews_due"), {"export": "csv"})

        assert response.status_code == 200
        lines = b"".join(response.streaming_content).decode().splitlines()
        assert lines[0].startswith("Title,Path,Type,Status,Review status,Last reviewed")
        assert overdue.title in lines[1] and "Overdue" in lines[1]
        assert "Old Reviewer, PhD" in lines[1]

    def test_exports_xlsx(self, client, reviewed):
        response = client.get(reverse("medical_review_reviews_due"), {"export": "xlsx"})

        assert response.status_code == 200
        assert response["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml"
        )

    def test_report_is_in_the_reports_menu(self, client, reviewed):
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse("medical_review_reviews_due") in html


class TestAdvisorDashboard:
    def test_advisor_sees_pages_waiting_and_overdue_reviews(self, client, users, guide):
        treatment = a_treatment(guide)
        treatment.save_revision(user=users["editor"])
        treatment.get_workflow().start(treatment, users["editor"])
        late = TreatmentPage.objects.live().exclude(pk=treatment.pk).first()

        MedicalReview.objects.create(
            page=late,
            page_title=late.title,
            reviewer_name="Old Reviewer",
            reviewed_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
            next_review_due=datetime.date(2021, 1, 1),
        )
        client.force_login(users["advisor"])

        html = client.get(reverse("wagtailadmin_home")).content.decode()

        assert "Waiting for a medical advisor (1)" in html
        assert treatment.title in html
        assert "Overdue reviews (1)" in html

    def test_submitter_is_told_another_advisor_must_approve(self, client, users, guide):
        treatment = a_treatment(guide)
        treatment.save_revision(user=users["advisor"])
        treatment.get_workflow().start(treatment, users["advisor"])
        client.force_login(users["advisor"])

        html = client.get(reverse("wagtailadmin_home")).content.decode()

        assert "another medical advisor must approve" in html

    def test_editors_do_not_get_the_advisor_panel(self, client, users, guide):
        client.force_login(users["editor"])
        assert (
            "Waiting for a medical advisor"
            not in client.get(reverse("wagtailadmin_home")).content.decode()
        )
