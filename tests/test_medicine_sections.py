"""A treatment page reads like a medicines reference: how it is given or taken, side effects,
who should not have it, pregnancy and breastfeeding, stopping or missing a dose and common
questions, in that order, each only when written; the JSON-LD says the ones schema.org has a
property for. The texts here are placeholders, not medical content."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from medical_review.invariant import violations_of
from tests.review_support import edit, new_treatment, publish_unreviewed
from treatments.models import MEDICINE_SECTIONS, TreatmentPage

pytestmark = pytest.mark.django_db

HEADINGS = {
    "how_to_take": "How it is given or taken",
    "side_effects": "Side effects",
    "who_should_not": "Who should not have it and cautions with other medicines",
    "pregnancy_and_breastfeeding": "Pregnancy and breastfeeding",
    "stopping_or_missing": "Stopping or missing a dose",
}
QUESTIONS = "Common questions"
EVERY_HEADING = [*HEADINGS.values(), QUESTIONS]


def placeholder(field):
    return f"<p>Placeholder text of {field}.</p>"


def with_sections(page, fields, questions=(), **values):
    page = TreatmentPage.objects.get(pk=page.pk)
    for name, value in values.items():
        setattr(page, name, value)
    for field in fields:
        setattr(page, field, placeholder(field))
    page.common_questions = [
        ("question", {"question": question, "answer": f"<p>Answer to {question}</p>"})
        for question in questions
    ]
    publish_unreviewed(page)
    return TreatmentPage.objects.get(pk=page.pk)


def main_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("main")


def section_headings(main):
    return [h2.get_text(strip=True) for h2 in main.find_all("h2") if h2.get_text(strip=True)]


def json_ld(client, page):
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', client.get(page.url).text, re.S
    )
    return json.loads(found[0])["about"]


def test_a_new_treatment_has_none_of_the_sections(client, guide):
    page = new_treatment(guide)

    headings = section_headings(main_of(client, page))

    assert not set(EVERY_HEADING) & set(headings)


def test_every_written_section_shows_its_text_in_the_fixed_order(client, guide):
    page = with_sections(new_treatment(guide), MEDICINE_SECTIONS, questions=["Can I drive?"])

    main = main_of(client, page)

    headings = section_headings(main)
    assert [h for h in headings if h in EVERY_HEADING] == EVERY_HEADING
    # After the cautions the page always had, before the rest of the category.
    text = main.get_text(" ")
    for field, heading in HEADINGS.items():
        section = main.find("h2", string=heading).find_parent("section")
        assert f"Placeholder text of {field}." in section.get_text(" ")
    questions = main.find("h2", string=QUESTIONS).find_parent("section")
    assert questions.find("h3").get_text(strip=True) == "Can I drive?"
    assert "Answer to Can I drive?" in questions.get_text(" ")
    assert text.index(HEADINGS["how_to_take"]) < text.index(QUESTIONS)


@pytest.mark.parametrize("field", MEDICINE_SECTIONS)
def test_one_written_section_shows_alone(client, guide, field):
    page = with_sections(new_treatment(guide), [field])

    headings = section_headings(main_of(client, page))

    assert [h for h in headings if h in EVERY_HEADING] == [HEADINGS[field]]


def test_questions_alone_show_only_their_section(client, guide):
    page = with_sections(new_treatment(guide), [], questions=["How long does it take?"])

    headings = section_headings(main_of(client, page))

    assert [h for h in headings if h in EVERY_HEADING] == [QUESTIONS]


def test_a_medication_says_its_warnings_in_json_ld_only_when_written(client, guide):
    page = new_treatment(guide)
    drug = json_ld(client, page)
    assert drug["@type"] == "Drug"
    for key in ("warning", "pregnancyWarning", "breastfeedingWarning", "howPerformed"):
        assert key not in drug

    page = with_sections(page, MEDICINE_SECTIONS, questions=["Can I drive?"])
    drug = json_ld(client, page)

    assert drug["warning"] == "Placeholder text of who_should_not."
    assert drug["pregnancyWarning"] == "Placeholder text of pregnancy_and_breastfeeding."
    assert drug["breastfeedingWarning"] == drug["pregnancyWarning"]
    # No Drug property for these: left out rather than stretched.
    assert "Placeholder text of side_effects." not in json.dumps(drug)
    assert "Can I drive?" not in json.dumps(drug)


def test_a_procedure_says_how_it_is_performed_and_contraindications_when_written(client, guide):
    page = with_sections(new_treatment(guide), ["how_to_take", "who_should_not"], kind="procedure")

    therapy = json_ld(client, page)

    assert therapy["@type"] == "MedicalTherapy"
    assert therapy["howPerformed"] == "Placeholder text of how_to_take."
    assert therapy["contraindication"] == "Placeholder text of who_should_not."
    assert "pregnancyWarning" not in therapy


def test_the_seed_guide_leaves_every_section_empty(guide):
    for page in TreatmentPage.objects.all():
        assert not any(getattr(page, field) for field in MEDICINE_SECTIONS), page.title
        assert not page.common_questions, page.title


def test_a_page_published_before_these_fields_existed_still_keeps_the_promise(guide):
    """A site upgraded to these fields: its live revisions do not name them, and the row holds
    them empty, as Wagtail restores a field a revision does not name."""
    page = TreatmentPage.objects.get(slug="baclofen")
    revision = page.live_revision
    for key in (*MEDICINE_SECTIONS, "common_questions", "sources"):
        revision.content.pop(key)
    revision.save(update_fields=["content"])
    page.sources.all().delete()  # the table is new, and empty

    assert violations_of(TreatmentPage.objects.get(pk=page.pk)) == []


def test_the_editor_offers_each_section_with_what_belongs_in_it(client, users, guide):
    page = new_treatment(guide)
    client.force_login(users["editor"])

    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

    for label in ("How it is given or taken", "Side effects", "Common questions", "Sources"):
        assert label.lower() in html.lower(), label
    assert "What to do after a missed dose" in html
    assert "For a paper: its DOI" in html


def test_a_section_an_editor_writes_waits_for_the_review(client, users, guide):
    page = new_treatment(guide)
    client.force_login(users["editor"])

    response = edit(client, page, side_effects=rich_text("<p>Placeholder draft text.</p>"))

    assert response.status_code == 302
    draft = TreatmentPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert "Placeholder draft text." in draft.side_effects
    assert "Side effects" not in section_headings(main_of(client, page))
