"""The page tree's rules hold in the real admin: editors cannot build a broken guide."""

import pytest
from django.contrib.auth import get_user_model

from treatments.models import HomePage, TherapyCategoryPage, TreatmentGuidePage, TreatmentPage


def assert_refused(response):
    """Wagtail's admin answers a refused page with a redirect home and an error message."""
    assert response.redirect_chain[-1][0] == "/admin/"
    messages = [str(message).strip() for message in response.context["messages"]]
    assert "Sorry, you do not have permission to access this area." in messages


@pytest.fixture
def admin_client(client, guide):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return client


def test_treatment_cannot_be_created_under_the_home_page(admin_client):
    home = HomePage.objects.get()
    assert not TreatmentPage.can_create_at(home)
    response = admin_client.get(
        f"/admin/pages/add/treatments/treatmentpage/{home.pk}/", follow=True
    )
    assert_refused(response)


def test_second_guide_cannot_be_created(admin_client):
    home = HomePage.objects.get()
    response = admin_client.get(
        f"/admin/pages/add/treatments/treatmentguidepage/{home.pk}/", follow=True
    )
    assert_refused(response)


def test_treatment_can_be_created_in_a_category(admin_client):
    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    response = admin_client.get(f"/admin/pages/add/treatments/treatmentpage/{category.pk}/")
    assert response.status_code == 200


def test_categories_nest_but_not_under_treatments():
    assert TherapyCategoryPage in TherapyCategoryPage.allowed_subpage_models()
    assert TreatmentPage.allowed_subpage_models() == []
    assert TherapyCategoryPage in TreatmentGuidePage.allowed_subpage_models()
    assert TreatmentPage not in TreatmentGuidePage.allowed_subpage_models()
