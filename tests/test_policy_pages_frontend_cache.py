"""Varnish in front of "How this guide is made": the page shows the advisors' declarations and
the review coverage from live data, so a changed declaration or a new medical review purges
it, and readers see the change at once."""

import pytest
from django.test import Client
from django.urls import reverse

from medical_review.models import ReviewerProfile
from tests.policy_support import site_pages
from tests.review_support import ATTESTED, edit, new_treatment, role_accounts, workflow_action
from tests.varnish_support import cached, needs_varnish, purged_by_wagtail, read, varnish_on

pytestmark = [needs_varnish, pytest.mark.django_db(transaction=True)]

varnish = varnish_on(27760)
CONFLICTS = "Speaker fees from Example Pharma (2026)."


@pytest.fixture
def how_made(varnish, live_site, settings):
    """The live How-made page's address, held by Varnish, which Wagtail purges."""
    path = site_pages()["how made"].url
    purged_by_wagtail(varnish, settings)
    cached(varnish, path)
    return path


def fresh(path, varnish):
    response = read(varnish, path)
    assert response.status == 200
    assert response.headers["X-Cache"] == "miss"
    return response.text


def test_a_changed_declaration_of_interests_purges_the_how_made_page(varnish, how_made):
    users = role_accounts("advisor", "superuser")
    profile = ReviewerProfile.objects.get(user=users["advisor"])
    superuser = Client()
    superuser.force_login(users["superuser"])

    response = superuser.post(
        reverse("reviewer_profiles:edit", args=[profile.pk]),
        {
            "user": profile.user_id,
            "name": profile.name,
            "credentials": profile.credentials,
            "specialty": profile.specialty,
            "conflicts_of_interest": CONFLICTS,
            "review_languages": profile.review_languages,
            "person": profile.person_id or "",
        },
    )

    assert response.status_code == 302
    assert CONFLICTS in fresh(how_made, varnish)


def test_a_new_medical_review_purges_the_how_made_page(varnish, how_made, guide):
    users = role_accounts("editor", "advisor")
    treatment = new_treatment(guide, "Varnishamide")
    cached(varnish, how_made)
    before = read(varnish, how_made).text
    client = Client()
    client.force_login(users["editor"])
    assert edit(client, treatment, "action-submit", title="Varnishamide XR").status_code == 302
    # Submitted, not approved: the page is unchanged, and Varnish keeps it.
    assert read(varnish, how_made).headers["X-Cache"] == "hit"

    client.force_login(users["advisor"])
    assert workflow_action(client, treatment, "approve", ATTESTED).status_code == 302

    after = fresh(how_made, varnish)
    assert after != before
    assert "English: 1 of" in after  # one page of the guide reviewed now
