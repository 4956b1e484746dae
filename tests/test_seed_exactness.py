"""The public pages say what the seed says, case for case, and each caution only where the seed
scopes it; a running guide gets corrections as drafts for review."""

import json
import re

from bs4 import BeautifulSoup
from wagtail.models import Page

from medical_review.models import MedicalReview
from tests import seed_text
from tests.review_support import publish_unreviewed
from treatments.exactness import SeedText, normalise
from treatments.loading import load_treatment_guide
from treatments.models import TherapyCategoryPage, TreatmentPage

NARCOTICS = (
    "Other types of pain relievers including narcotics and anesthetic agents are infrequently "
    "used and have a limited role in pain management of SPS. Some of these medications can make "
    "treatment with the main drugs more difficult."
)
RISKS = "All of these medications have significant risks and side effects"
MONITORING = "These medications must be prescribed and monitored closely by a physician"
ANTI_SEIZURE = "/treatments/symptomatic-relief/anti-seizure-medication/"
FIRST_LINE = "/treatments/immunotherapies/first-line/"


def main_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("main")


def text_of(element):
    return normalise(element.get_text(" "))


def cautions_section(main):
    heading = main.find(lambda tag: tag.name in ("h2", "h3") and "read before use" in tag.text)
    return text_of(heading.find_parent("section")) if heading else ""


def page_text(client, url):
    return text_of(main_of(client.get(url)))


def doctor_list(client, *slugs):
    ids = "&".join(f"t={TreatmentPage.objects.get(slug=slug).pk}" for slug in slugs)
    return main_of(client.get(f"/treatments/for-your-doctor/?{ids}"))


# The note on narcotics


def test_the_narcotics_note_is_said_on_its_section_and_is_no_caution_of_anti_seizure_drugs(
    guide, client
):
    section = main_of(client.get("/treatments/symptomatic-relief/"))
    assert NARCOTICS in text_of(section)
    for slug in ("gabapentin", "pregabalin", "tiagabine", "valproate"):
        main = main_of(client.get(f"{ANTI_SEIZURE}{slug}/"))
        assert "narcotics" not in text_of(main)
    listed = doctor_list(client, "gabapentin", "pregabalin", "tiagabine", "valproate")
    assert "narcotics" not in text_of(listed)
    assert "applies to Gabapentin" not in text_of(listed)


# Words the transcription lost or changed


def test_anti_seizure_pages_keep_may_help_with_pain_management(guide, client):
    for slug in ("gabapentin", "pregabalin", "tiagabine", "valproate"):
        text = page_text(client, f"{ANTI_SEIZURE}{slug}/")
        assert "Anti-seizure Medication (may help with pain management)" in text


def test_baclofens_row_of_the_table_keeps_which_requires_surgery(guide, client):
    table = main_of(client.get("/treatments/at-a-glance/"))
    row = next(tr for tr in table.find_all("tr") if tr.find("a", string="Baclofen"))
    assert "infused into the spine with an implantable pump which requires surgery" in text_of(row)


def test_mycophenolate_has_been_used_as_additional_immunotherapy(guide, client):
    text = page_text(client, "/treatments/immunotherapies/second-line/mycophenolate-mofetil/")
    assert (
        "Oral medication which has been used as additional immunotherapy to decrease B cell "
        "and T cell growth." in text
    )
    assert "Used as" not in text


def test_first_and_second_line_keep_their_quotation_marks(guide, client):
    ivig = page_text(client, f"{FIRST_LINE}ivig/")
    assert "Line of therapy “First Line”" in ivig
    rituximab = page_text(client, "/treatments/immunotherapies/second-line/rituximab/")
    assert "Line of therapy “Second Line”" in rituximab
    table = page_text(client, "/treatments/at-a-glance/")
    assert "First line" not in table and "Second line" not in table


# Cautions scoped as the seed scopes them


def test_cautions_on_these_medications_are_not_shown_on_procedures(guide, client):
    for url in (
        f"{FIRST_LINE}plasma-exchange/",
        "/treatments/immunotherapies/autologous-stem-cell-transplant/",
    ):
        cautions = cautions_section(main_of(client.get(url)))
        assert RISKS not in cautions and MONITORING not in cautions
    stem_cell = main_of(client.get("/treatments/immunotherapies/autologous-stem-cell-transplant/"))
    assert "The procedure itself is complicated and considered high risk." in cautions_section(
        stem_cell
    )
    baclofen = main_of(client.get("/treatments/symptomatic-relief/muscle-relaxants/baclofen/"))
    assert RISKS in cautions_section(baclofen) and MONITORING in cautions_section(baclofen)


def test_the_list_for_the_doctor_says_which_treatments_the_medication_cautions_apply_to(
    guide, client
):
    text = text_of(doctor_list(client, "baclofen", "plasma-exchange"))
    assert RISKS in text
    assert "applies to Baclofen." in text
    assert "applies to every treatment on this list" not in text


# Labels the seed does not give


def test_botox_is_named_as_the_seed_names_it(guide, client):
    text = page_text(client, "/treatments/symptomatic-relief/muscle-relaxants/")
    assert "Botox injections" in text and "Botulinum" not in text
    botox = page_text(
        client, "/treatments/symptomatic-relief/muscle-relaxants/botulinum-toxin-injections/"
    )
    assert "Botulinum" not in botox and "Generic name" not in botox
    assert "paralyze muscles around the site of injection" in botox


def test_no_page_labels_a_treatments_type(guide, client):
    for slug in ("ivig", "scig", "plasma-exchange"):
        text = page_text(client, f"{FIRST_LINE}{slug}/")
        assert "Type" not in text and "Medication" not in text.replace("Anti-seizure", "")
        assert "Procedure" not in text


def test_a_definition_is_not_labelled_what_it_targets(guide, client):
    ivig = page_text(client, f"{FIRST_LINE}ivig/")
    assert "What it targets" not in ivig
    assert "Immunoglobulins are antibodies that impact many components" in ivig


def test_no_heading_is_made_from_words_inside_a_sentence(guide, client):
    text = page_text(client, "/treatments/")
    assert "Narcotics and Anesthetic Agents" not in text
    assert "Other Therapies" not in text
    assert not TherapyCategoryPage.objects.filter(
        slug__in=["narcotics-and-anesthetic-agents", "other-therapies"]
    ).exists()


def test_an_empty_field_is_hidden(guide, client):
    text = page_text(client, "/treatments/immunotherapies/autologous-stem-cell-transplant/")
    assert "Generic name" not in text and "Brand names" not in text


# Sentences kept whole


def test_plasma_exchange_removes_plasma_before_returning_the_blood(guide, client):
    text = page_text(client, f"{FIRST_LINE}plasma-exchange/")
    returned = text.index("where it is treated and then returned to the patient")
    removed = text.index("removing some of its liquid plasma which contains antibodies")
    rest = text.index("Then the rest of the patient’s blood is returned")
    assert text.index("A special catheter (central line)") < returned < removed < rest


def test_scig_says_what_could_involve_multiple_infusion_sites(guide, client):
    text = page_text(client, f"{FIRST_LINE}scig/")
    assert (
        "It is delivered by a pump system with IV tubing, infusing the immunoglobulins into the "
        "subcutaneous layer of the skin. For people on high doses of immunoglobulins, this could "
        "involve multiple infusion sites." in text
    )


# The anxiety and depression section


def test_anxiety_and_depression_is_a_section_of_its_own(guide, client):
    anxiety = TherapyCategoryPage.objects.get(slug="anxiety-and-depression")
    assert anxiety.url == "/treatments/anxiety-and-depression/"
    text = page_text(client, "/treatments/")
    assert "pain include:" not in text
    section = page_text(client, "/treatments/symptomatic-relief/")
    assert "Other therapies which may help" not in section


# Every text of every public page


def approved_texts():
    """The texts of revisions an advisor approved (each a MedicalReview of that revision)."""
    texts = []
    for review in MedicalReview.objects.select_related("revision"):
        if review.revision is not None:
            content = json.dumps(review.revision.content, ensure_ascii=False)
            texts.append(normalise(BeautifulSoup(content, "html.parser").get_text()))
    return texts


def public_urls(client):
    pages = Page.objects.live().public().filter(depth__gt=1, locale__language_code="en")
    urls = [page.url for page in pages]
    ids = "&".join(f"t={pk}" for pk in TreatmentPage.objects.live().values_list("pk", flat=True))
    return [*urls, "/treatments/at-a-glance/", f"/treatments/for-your-doctor/?{ids}"]


class ApprovedTexts:
    """The approved texts, asked whether one of them contains a text."""

    def __init__(self, texts):
        self.texts = texts

    def __contains__(self, piece):
        return any(piece in text for text in self.texts)


def unquoted_texts(main, seed, approved, language="en"):
    """The texts of <main> that are neither a seed quotation, an interface string (of
    `language`), nor text an advisor approved: each text node, and each sentence of it."""
    found = []
    approved = ApprovedTexts(approved)
    for node in main.find_all(string=True):
        if node.parent.name in ("script", "style"):
            continue
        # A category select's options show nesting with leading dashes.
        text = normalise(str(node)).lstrip("– ")
        if not text or seed.names(text) or seed.is_interface(text, approved, language):
            continue
        parts = [part for part in seed_text.sentences(text) if part]
        # Names joined by the interface: "A, B" (lists), "A › B" (a category's trail).
        pieces = [piece for part in parts for piece in re.split(r", | › ", part)]
        if all(
            seed.names(piece) or seed.is_interface(piece, approved, language) or piece in approved
            for piece in (parts if all(seed.names(p) for p in parts) else pieces)
        ):
            continue
        found.append(text)
    return found


def test_every_text_of_every_public_page_is_the_seeds_or_the_interfaces(guide, client):
    seed = SeedText(seed_text.SEED.read_text(encoding="utf-8"))
    approved = approved_texts()
    assert approved == []  # a freshly loaded guide: no advisor has approved anything yet
    problems = {}
    for url in public_urls(client):
        found = unquoted_texts(main_of(client.get(url)), seed, approved)
        if found:
            problems[url] = found
    assert problems == {}


def test_the_crawl_finds_a_text_the_seed_does_not_say(guide, client):
    seed = SeedText(seed_text.SEED.read_text(encoding="utf-8"))
    page = TreatmentPage.objects.get(slug="tizanidine")
    page.title = "Tizanidine cures SPS"
    publish_unreviewed(page)
    found = unquoted_texts(main_of(client.get(page.url)), seed, [])
    assert "Tizanidine cures SPS" in found


# A running guide


def test_a_running_guide_gets_the_corrections_as_drafts_not_live(guide, client):
    page = TreatmentPage.objects.get(slug="mycophenolate-mofetil")
    old_body = [("text", "<p>Used as additional immunotherapy.</p>")]
    page.body = old_body
    publish_unreviewed(page)  # as an older loader published it

    report = load_treatment_guide()

    page.refresh_from_db()
    assert "Mycophenolate mofetil" in report.drafted
    assert page.has_unpublished_changes
    assert "Used as additional immunotherapy." in page_text(client, page.url)
    draft = page.get_latest_revision_as_object()
    assert "which has been used as additional immunotherapy" in str(draft.body)
    assert page.live_revision_id != page.latest_revision_id

    again = load_treatment_guide()
    assert "Mycophenolate mofetil" not in again.drafted
    assert page.revisions.count() == 3
