"""Reviewer profiles: reviews are signed from them, superusers keep them, credentials needed."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from medical_review.models import NO_CREDENTIALS, NO_PROFILE, MedicalReview, ReviewerProfile
from medical_review.permissions import MEDICAL_ADVISORS
from medical_review.roles import create_demo_accounts
from tests.review_support import (
    ATTESTED,
    live_title,
    make_user,
    messages_of,
    workflow_action,
)
from treatments.models import Person

pytestmark = pytest.mark.django_db


def test_an_advisor_without_credentials_is_told_why_they_cannot_approve(client, users, in_review):
    ReviewerProfile.objects.filter(user=users["advisor2"]).update(credentials="")
    client.force_login(users["advisor2"])

    response = workflow_action(client, in_review, "approve", ATTESTED)

    assert response.status_code == 302
    assert any(NO_CREDENTIALS in m for m in messages_of(response))
    assert NO_CREDENTIALS == (
        "Your reviewer profile has no credentials; ask an administrator to add them."
    )
    assert live_title(in_review) == "Reviewamide"
    assert not MedicalReview.objects.exists()


def test_an_advisor_without_a_profile_is_not_offered_approve(client, users, in_review):
    newcomer = make_user("newcomer", MEDICAL_ADVISORS, name="New Comer")
    client.force_login(newcomer)

    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[in_review.pk]))
    response = workflow_action(client, in_review, "approve", ATTESTED)

    approve_url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[in_review.pk, "approve", in_review.current_workflow_task_state.pk],
    )
    assert approve_url not in edit_page.content.decode()
    assert any(NO_PROFILE in m for m in messages_of(response))
    assert live_title(in_review) == "Reviewamide"


def test_renaming_the_account_does_not_change_the_signature(client, users, in_review):
    advisor = users["advisor"]
    advisor.first_name, advisor.last_name = "Doctor", "Impostor"
    advisor.save()
    client.force_login(advisor)

    workflow_action(client, in_review, "approve", ATTESTED)

    review = MedicalReview.objects.get(page=in_review)
    assert review.reviewer_display == "Ada Advisor, MD (Neurologist)"


@pytest.mark.parametrize("role", ["advisor", "moderator", "editor"])
def test_only_superusers_see_and_change_reviewer_profiles(client, users, role):
    profile = ReviewerProfile.objects.get(user=users["advisor"])
    client.force_login(users[role])

    listing = client.get(reverse("reviewer_profiles:index"))
    own = client.post(
        reverse("reviewer_profiles:edit", args=[profile.pk]),
        {"user": users["advisor"].pk, "name": "Someone Famous", "credentials": "MD, PhD"},
    )

    assert listing.status_code in (302, 403)
    assert own.status_code in (302, 403)
    profile.refresh_from_db()
    assert profile.name == "Ada Advisor"


def test_a_superuser_adds_credentials_in_reviewer_profiles(client, users):
    profile = ReviewerProfile.objects.get(user=users["advisor2"])
    client.force_login(users["superuser"])

    listing = client.get(reverse("reviewer_profiles:index"))
    response = client.post(
        reverse("reviewer_profiles:edit", args=[profile.pk]),
        {
            "user": users["advisor2"].pk,
            "name": "Otto Other",
            "credentials": "MD",
            "specialty": "Neurologist",
            "review_languages": ["en"],
        },
    )

    assert listing.status_code == 200
    assert "Otto Other" in listing.content.decode()
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.signature == "Otto Other, MD (Neurologist)"


def test_existing_advisors_get_profiles_from_their_person_record(users):
    advisor = make_user("legacy", MEDICAL_ADVISORS, name="Lee Gacy")
    Person.objects.create(user=advisor, name="Dr Lee Gacy", credentials="MD", role="Advisor")
    migration = importlib.import_module(
        "medical_review.migrations.0004_profiles_of_existing_advisors"
    )

    migration.profiles_from_people(apps, None)

    profile = ReviewerProfile.objects.get(user=advisor)
    assert (profile.name, profile.credentials, profile.specialty) == ("Dr Lee Gacy", "MD", "")
    assert profile.person.user == advisor


def test_demo_advisors_can_sign_reviews(guide):
    create_demo_accounts()

    signatures = set(ReviewerProfile.objects.values_list("user__username", "credentials"))

    assert {("advisor", "MD"), ("advisor2", "MD")} <= signatures
