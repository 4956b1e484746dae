"""Wagtail's userbar (edit link, accessibility checker) for editors, never for visitors."""

import pytest
from django.test import Client

from treatments.models import TreatmentPage

USERBAR = "wagtail-userbar"
PAGES = ["/", "/treatments/", "/treatments/at-a-glance/", "/search/?q=baclofen"]


@pytest.fixture
def urls(guide):
    return [*PAGES, TreatmentPage.objects.live().first().url]


def test_a_logged_in_editor_gets_the_userbar_on_every_page(admin_client, urls):
    for url in urls:
        html = admin_client.get(url).content.decode()
        assert USERBAR in html, url


def test_a_visitor_never_gets_the_userbar_in_fresh_or_cached_pages(urls):
    for url in urls:
        for _ in range(2):  # a render, then the page cache's copy
            response = Client().get(url)
            assert response.status_code == 200
            assert USERBAR not in response.content.decode(), url
