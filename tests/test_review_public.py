"""What visitors see: the review line, and never a draft or a revision in review."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests.review_support import ATTESTED, a_treatment, edit, workflow_action
from treatments.models import TherapyCategoryPage, TreatmentPage

pytestmark = pytest.mark.django_db

NOT_REVIEWED = "This page has not yet been medically reviewed."


def test_seed_pages_say_they_are_not_yet_reviewed(client, guide):
    category = TherapyCategoryPage.objects.live().descendant_of(guide).first()
    for page in (guide, category, a_treatment(guide)):
        html = client.get(page.url).content.decode()
        assert NOT_REVIEWED in html, page.title
        assert "Medically reviewed by" not in html
        assert page.specific.live_medical_review is None


def test_reviewed_page_shows_reviewer_credentials_and_dates(client, users, guide):
    treatment = a_treatment(guide)
    with time_machine.travel(datetime.datetime(2026, 3, 4, 10, tzinfo=datetime.UTC), tick=False):
        treatment.save_revision(user=users["editor"])
        treatment.get_workflow().start(treatment, users["editor"])
        client.force_login(users["advisor"])
        workflow_action(client, treatment, "approve", ATTESTED)
        client.logout()

    html = client.get(treatment.url).content.decode()
    assert (
        "Medically reviewed by Ada Advisor, MD (Neurologist) on "
        '<time datetime="2026-03-04">4 March 2026</time> · Next review due '
        '<time datetime="2027-03-04">4 March 2027</time>'
    ) in html
    assert NOT_REVIEWED not in html
    review = TreatmentPage.objects.get(pk=treatment.pk).live_medical_review
    assert review.reviewer_name == "Ada Advisor"
    assert review.reviewer_credentials == "MD"
    assert review.reviewed_at.date() == datetime.date(2026, 3, 4)


def test_review_is_signed_from_the_reviewer_profile_not_the_account(client, users, guide):
    advisor = users["advisor2"]
    advisor.first_name, advisor.last_name = "Famous", "Professor"
    advisor.save()
    treatment = a_treatment(guide)
    treatment.save_revision(user=users["editor"])
    treatment.get_workflow().start(treatment, users["editor"])
    client.force_login(users["advisor2"])
    workflow_action(client, treatment, "approve", ATTESTED)
    client.logout()

    html = client.get(treatment.url).content.decode()
    assert "Medically reviewed by Otto Other, MD on" in html
    assert "Famous" not in html


def test_overdue_page_stays_online_and_admin_flags_it(client, users, guide):
    treatment = a_treatment(guide)
    TreatmentPage.objects.filter(pk=treatment.pk).update(
        last_reviewed=datetime.date(2020, 1, 1), next_review_due=datetime.date(2021, 1, 1)
    )

    assert client.get(treatment.url).status_code == 200
    client.force_login(users["editor"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[treatment.pk]))
    assert "Medical review overdue" in response.content.decode()
    assert "1 January 2021" in response.content.decode()


class TestDraftsNeverLeak:
    """A draft, or a revision waiting for review, is never shown to the public."""

    SECRET = "Unreviewed wording 7f3a"

    @pytest.fixture
    def in_review(self, client, users, guide):
        treatment = a_treatment(guide)
        client.force_login(users["editor"])
        page = TreatmentPage.objects.get(pk=treatment.pk)
        page.title = self.SECRET
        page.targets = self.SECRET
        page.save_revision(user=users["editor"])
        page.get_workflow().start(page, users["editor"])
        client.logout()
        return treatment

    def public_urls(self, guide, treatment):
        category = treatment.get_parent()
        return ["/", guide.url, category.url, treatment.url]

    def test_revision_in_review_is_not_on_any_public_page(self, client, guide, in_review):
        for url in self.public_urls(guide, in_review):
            response = client.get(url)
            assert response.status_code == 200, url
            assert self.SECRET not in response.content.decode(), url

    def test_draft_new_page_is_not_reachable(self, client, users, guide):
        category = TherapyCategoryPage.objects.live().descendant_of(guide).first()
        draft = TreatmentPage(title=self.SECRET, slug="draft-only", kind="medication", live=False)
        category.add_child(instance=draft)
        draft.save_revision(user=users["editor"])

        assert client.get(f"{category.url}draft-only/").status_code == 404
        for url in ["/", guide.url, category.url]:
            assert self.SECRET not in client.get(url).content.decode()

    def test_search_and_api_do_not_show_revision_in_review(self, client, guide, in_review):
        for url in ["/search/?q=7f3a", "/api/v2/pages/?type=treatments.TreatmentPage&fields=*"]:
            response = client.get(url)
            if response.status_code == 404:  # feature not installed on this branch
                continue
            assert self.SECRET not in response.content.decode(), url

    def test_approved_revision_replaces_the_live_text(self, client, users, guide, in_review):
        client.force_login(users["advisor"])
        workflow_action(client, in_review, "approve", ATTESTED)
        client.logout()

        assert self.SECRET in client.get(guide.url).content.decode()

    def test_changes_requested_keep_old_text_live(self, client, users, guide, in_review):
        client.force_login(users["advisor"])
        workflow_action(client, in_review, "reject", {"comment": "Check the source."})
        client.logout()

        for url in self.public_urls(guide, in_review):
            assert self.SECRET not in client.get(url).content.decode(), url


def test_editing_through_the_admin_keeps_live_page_until_approved(client, users, guide):
    from tests.review_support import new_treatment

    treatment = new_treatment(guide)
    client.force_login(users["editor"])
    edit(client, treatment, "action-submit", targets="Unreviewed target 9c1")
    client.logout()

    assert "Unreviewed target 9c1" not in client.get(treatment.url).content.decode()
