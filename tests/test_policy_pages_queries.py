"""Queries per uncached render of the foundation's pages: a few, the same however many
advisors and guide pages there are."""

import pytest
from django.test import Client

from medical_review.permissions import MEDICAL_ADVISORS
from tests.foundation_support import load_site, set_identity
from tests.policy_support import site_pages
from tests.review_support import make_user
from tests.test_query_budgets import cold_queries, queries_of_a_render

# Wagtail's routing (the Site, the reader's Locale, the home page, the page: two rows), the
# view restrictions, the editions in other languages (language switch, hreflang) and where
# the glossary is, and the disclaimer. Contact reads its fields and where the Privacy page
# is; How made reads the advisors and, in one query, the review dates of every guide page.
BUDGET = {"contact": 15, "how made": 15, "privacy": 13}  # cold: nothing cached


@pytest.mark.parametrize("kind", list(BUDGET))
def test_a_render_costs_the_same_few_queries_with_more_advisors(
    guide, kind, django_assert_max_num_queries
):
    page = site_pages()[kind]
    before = queries_of_a_render(page.url, django_assert_max_num_queries, BUDGET[kind])
    for n in range(5):
        make_user(f"adv{n}", MEDICAL_ADVISORS, profile={"name": f"Dr {n}", "credentials": "MD"})
    after = queries_of_a_render(page.url, django_assert_max_num_queries, BUDGET[kind])
    assert after == before == BUDGET[kind]


def test_the_funding_statement_costs_no_query_of_its_own(guide):
    """How made shows the identity the footer reads: with a statement, it costs what it did
    without one, as the Privacy page does."""
    pages = site_pages()
    identity = load_site()
    how_made, privacy = cold_queries(pages["how made"].url), cold_queries(pages["privacy"].url)

    set_identity(identity, funding_statement="<p>Funded by its members; no advertising.</p>")

    assert "Funded by its members" in Client().get(pages["how made"].url).content.decode()
    assert cold_queries(pages["how made"].url) == how_made
    assert cold_queries(pages["privacy"].url) == privacy
