"""Every public Spanish page says only what the seed says, what an advisor approved (the Spanish
translations) or the Spanish interface (the Spanish catalogue): the English crawl of
test_seed_exactness, run over every public page under `/es/`. The translations here are made
by the tests: each page's English text copied, its title marked "(ES)", and reviewed."""

import datetime

from wagtail.models import Locale, Page

from medical_review.models import ReviewedPageMixin
from tests import seed_text
from tests.factories import record_review
from tests.review_support import publish_unreviewed
from tests.test_seed_exactness import approved_texts, main_of, unquoted_texts
from treatments.exactness import SeedText
from treatments.models import TreatmentPage

REVIEWED_AT = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)


def translate_the_guide():
    """A live, reviewed Spanish copy of every page below the home page (which stays an
    alias: `/es/` is the Spanish interface's home)."""
    spanish = Locale.objects.get(language_code="es")
    english = Page.objects.live().filter(depth__gt=2, locale=Locale.get_default())
    for page in english.order_by("path").specific():
        copy = page.copy_for_translation(spanish, copy_parents=True)
        copy.title = f"(ES) {page.title}"
        publish_unreviewed(copy)
        copy.refresh_from_db()
        if isinstance(copy, ReviewedPageMixin):
            record_review(copy, REVIEWED_AT, next_review_due=datetime.date(2027, 12, 1))


def spanish_public_urls():
    pages = Page.objects.live().public().filter(depth__gt=1, locale__language_code="es")
    urls = [page.url for page in pages.filter(alias_of__isnull=True)]
    treatments = TreatmentPage.objects.live().filter(locale__language_code="es")
    ids = "&".join(f"t={pk}" for pk in treatments.values_list("pk", flat=True))
    return ["/es/", *urls, "/es/treatments/at-a-glance/", f"/es/treatments/for-your-doctor/?{ids}"]


def test_every_text_of_every_public_spanish_page_is_approved_seed_or_interface(guide, client):
    translate_the_guide()
    seed = SeedText(seed_text.SEED.read_text(encoding="utf-8"))
    approved = approved_texts()
    urls = spanish_public_urls()
    assert len(urls) > 30

    problems = {}
    for url in urls:
        found = unquoted_texts(main_of(client.get(url)), seed, approved, language="es")
        if found:
            problems[url] = found
    assert problems == {}


def test_the_spanish_crawl_finds_a_text_nobody_approved(guide, client):
    translate_the_guide()
    seed = SeedText(seed_text.SEED.read_text(encoding="utf-8"))
    page = TreatmentPage.objects.get(slug="tizanidine", locale__language_code="es")
    page.title = "(ES) La tizanidina cura el SPS"
    publish_unreviewed(page)  # a live text no review approved

    found = unquoted_texts(main_of(client.get(page.url)), seed, approved_texts(), "es")
    assert "(ES) La tizanidina cura el SPS" in found
