"""The whole seed reaches the public site, word for word, and nothing else does."""

import re

import pytest
from wagtail.models import Page

from tests import seed_text
from tests.page_text import visible_text
from treatments.content import guide as transcription
from treatments.loading import Seed, SeedMismatch
from treatments.models import TreatmentPage


@pytest.fixture
def site_text(guide, client):
    pages = Page.objects.live().filter(depth__gt=1)
    return " ".join(visible_text(client.get(page.url)) for page in pages).casefold()


def test_every_seed_treatment_and_brand_name_is_on_the_site(site_text):
    names, brands = seed_text.treatment_names_and_brands()
    assert len(names) >= 20 and len(brands) >= 15  # the reading of the seed found the lists
    missing = [name for name in names | brands if name.casefold() not in site_text]
    assert missing == []


def test_guide_overview_lists_every_treatment_with_its_brand_names(guide, client):
    overview = visible_text(client.get("/treatments/"))
    for treatment in TreatmentPage.objects.prefetch_related("brand_names"):
        assert treatment.title in overview
        for brand in treatment.brand_names.all():
            assert brand.name in overview


def test_every_sentence_of_the_seed_paragraphs_is_published_word_for_word(site_text):
    """Long paragraphs appear sentence by sentence (less a leading treatment name, shown as
    the title): a treatment's facts list shows some of its sentences, the body the rest.
    """
    leading_name = re.compile(
        r"^(?:[\w ]+ \([^)]*\)(?: or \w+)? |Autologous stem cell transplants )"
    )
    for paragraph in seed_text.paragraphs():
        if paragraph.startswith(("•", "Contributors", "Disclaimer:")) or len(paragraph) < 90:
            continue
        text = leading_name.sub("", paragraph.strip("*"), count=1)
        for sentence in seed_text.sentences(text):
            assert sentence.casefold() in site_text, sentence


def test_disclaimer_is_shown_on_every_page(guide, client):
    for page in Page.objects.live().filter(depth__gt=1):
        assert seed_text.disclaimer() in visible_text(client.get(page.url))


def test_guide_credits_its_contributors_and_ivig_names_the_speaker_of_its_video(guide, client):
    text = visible_text(client.get("/treatments/"))
    for name in seed_text.contributors():
        assert name in text
    assert "Marinos Dalakas" not in text
    ivig = visible_text(client.get("/treatments/immunotherapies/first-line/ivig/"))
    assert (
        "SPSRF Medical Advisory Board Member, Marinos Dalakas, discusses IVIg therapies in "
        "GAD+ SPS patients." in ivig
    )


def test_narcotics_and_mood_guidance_is_published(site_text):
    assert "snri category" in site_text and "can exacerbate sps symptoms" in site_text
    assert "ssri category" in site_text and "thought to be safe" in site_text
    assert "narcotics and anesthetic agents are infrequently used" in site_text
    # The seed's list after "include:" is empty: the sentence would end on a colon.
    assert "other therapies which may help with sps muscle spasms or pain include" not in site_text


def test_shipped_seed_is_the_foundations_text():
    if not seed_text.SHARED_SEED.exists():
        pytest.skip("the foundation's shared seed folder is only beside a developer's checkout")
    assert seed_text.SEED.read_bytes() == seed_text.SHARED_SEED.read_bytes()


def test_transcription_quotes_only_what_the_seed_says():
    seed = Seed.from_file()
    with pytest.raises(SeedMismatch):
        seed.quote(transcription.Quote("Baclofen cures SPS."))
    with pytest.raises(SeedMismatch):
        seed.paragraph(transcription.Para("A paragraph the seed does not have"))


def test_transcription_quotes_case_for_case_and_whole_words():
    seed = Seed.from_file()
    with pytest.raises(SeedMismatch):
        seed.quote(transcription.Quote("Used as additional immunotherapy"))
    with pytest.raises(SeedMismatch):
        seed.quote(transcription.Quote("may help with pain manage"))
    with pytest.raises(SeedMismatch):
        seed.name("Narcotics and Anesthetic Agents")
    assert seed.name("Diazepam") == "Diazepam"  # a named capitalised name
    with pytest.raises(SeedMismatch):
        seed.name("Plasmapheresis")
