"""`load_treatment_guide` builds the tree once and never tramples an editor's work."""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from medical_review.invariant import is_seed, violations_of
from tests import seed_text
from tests.review_support import publish_unreviewed, set_live_disclaimer
from treatments.content import guide as transcription
from treatments.loading import Seed, SeedMismatch, load_treatment_guide
from treatments.models import (
    Disclaimer,
    HomePage,
    TherapyCategoryPage,
    TreatmentGuidePage,
    TreatmentPage,
)


def tree():
    return [
        (page.path, page.title, page.content_type.model, page.live)
        for page in Page.objects.order_by("path").select_related("content_type")
    ]


def test_loading_twice_gives_the_same_tree(guide):
    first, revisions = tree(), Page.objects.filter(latest_revision__isnull=False).count()
    report = load_treatment_guide()
    assert tree() == first
    assert report.created == []
    assert Page.objects.filter(latest_revision__isnull=False).count() == revisions


def test_loader_builds_the_guide_as_the_site_root(empty_site):
    load_treatment_guide()
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert TreatmentGuidePage.objects.child_of(home).get().url == "/treatments/"
    assert TreatmentPage.objects.live().count() == 20
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()


def test_loaded_pages_have_a_published_revision_in_their_history(guide):
    baclofen = TreatmentPage.objects.get(slug="baclofen")
    assert baclofen.revisions.count() == 1
    assert baclofen.live_revision_id == baclofen.latest_revision_id


def test_an_edited_page_survives_a_reload(guide):
    editor = get_user_model().objects.create_user("editor", password="x")
    page = TreatmentPage.objects.get(slug="baclofen")
    page.regimen = "Edited by staff"
    publish_unreviewed(page, user=editor)

    report = load_treatment_guide()

    page.refresh_from_db()
    assert page.regimen == "Edited by staff"
    assert ("Baclofen", "edited by editor since loading") in report.skipped


def test_a_page_removed_from_the_running_guide_is_not_republished_unreviewed(guide):
    count = Page.objects.count()
    TreatmentPage.objects.get(slug="rituximab").delete()
    TreatmentPage.objects.filter(slug="tizanidine").update(slug="tizanidine-renamed")

    report = load_treatment_guide()

    assert report.created == []
    assert set(report.missing) == {"Rituximab", "Tizanidine"}
    assert Page.objects.count() == count - 1
    assert not TreatmentPage.objects.filter(slug="rituximab").exists()


def test_command_reports_what_it_created_and_skipped(empty_site, capsys):
    call_command("load_treatment_guide")
    assert "Created 29 pages." in capsys.readouterr().out
    call_command("load_treatment_guide")
    assert "Created 0 pages." in capsys.readouterr().out


def test_structured_fields_are_transcribed_from_the_seed(guide):
    mycophenolate = TreatmentPage.objects.get(slug="mycophenolate-mofetil")
    assert mycophenolate.brand_name_list == ["CellCept", "Myfortic"]
    assert [route.slug for route in mycophenolate.routes.all()] == ["oral"]
    baclofen = TreatmentPage.objects.get(slug="baclofen")
    assert {route.slug for route in baclofen.routes.all()} == {"oral", "implantable-pump"}
    stem_cell = TreatmentPage.objects.get(slug="autologous-stem-cell-transplant")
    assert stem_cell.kind == "procedure"
    assert stem_cell.cautions == "The procedure itself is complicated and considered high risk."
    second_line = TherapyCategoryPage.objects.get(slug="second-line")
    assert second_line.line_of_therapy == "second"
    # The seed gives no route for diazepam: the field stays empty rather than guessed.
    assert not TreatmentPage.objects.get(slug="diazepam").routes.exists()


def test_the_seeds_disclaimer_is_live_as_the_seed_and_a_reload_keeps_a_changed_one(guide):
    disclaimer = Disclaimer.objects.get()
    assert disclaimer.live and disclaimer.locale.language_code == "en"
    assert disclaimer.text.startswith("The content of this Website is provided")
    assert is_seed(disclaimer.live_revision)
    assert not violations_of(disclaimer)

    set_live_disclaimer("Edited disclaimer")
    load_treatment_guide()

    assert [d.text for d in Disclaimer.objects.all()] == ["Edited disclaimer"]


FACT_FIELDS = ("administration", "targets", "regimen", "cautions")


def fact_sentences(treatment):
    return [
        sentence.casefold()
        for name in FACT_FIELDS
        for sentence in seed_text.sentences(getattr(treatment, name))
        if sentence
    ]


def body_text(treatment):
    """The treatment's body text blocks as a reader sees them, one string."""
    blocks = [str(block.value) for block in treatment.body if block.block_type == "text"]
    return normalised(re.sub(r"<[^>]+>", " ", html.unescape(" ".join(blocks))))


def normalised(text):
    return re.sub(r"\s+", " ", text).strip().casefold()


def transcribed_treatments(items=transcription.CATEGORIES):
    for item in items:
        if isinstance(item, transcription.Category):
            yield from transcribed_treatments(item.children)
        else:
            yield item


def seed_paragraph(opening, after):
    (paragraph,) = [p for p in seed_text.paragraphs() if p.startswith(opening)]
    return paragraph[len(opening) :].strip() if after else paragraph


def test_no_sentence_of_a_treatments_facts_is_repeated_in_its_body_or_an_intro(guide):
    intros = normalised(
        re.sub(
            r"<[^>]+>",
            " ",
            html.unescape(
                " ".join(
                    [guide.intro, *TherapyCategoryPage.objects.values_list("intro", flat=True)]
                )
            ),
        )
    )
    for treatment in TreatmentPage.objects.all():
        body = body_text(treatment)
        for sentence in fact_sentences(treatment):
            assert sentence not in body, (treatment.title, sentence)
            assert sentence not in intros, (treatment.title, sentence)


def test_every_sentence_a_treatment_quotes_from_the_seed_lands_on_its_page_once(guide):
    for transcribed in transcribed_treatments():
        page = TreatmentPage.objects.get(slug=transcribed.slug)
        quoted = [
            seed_paragraph(item.opening, item.after)
            for item in transcribed.body
            if isinstance(item, transcription.Para)
        ]
        quoted += [
            getattr(transcribed, name).text for name in FACT_FIELDS if getattr(transcribed, name)
        ]
        shown = [*fact_sentences(page), *seed_text.sentences(body_text(page))]
        shown = [sentence.casefold() for sentence in shown if sentence]
        for paragraph in quoted:
            for sentence in seed_text.sentences(paragraph):
                assert shown.count(sentence.casefold()) == 1, (page.title, sentence)


def test_a_fact_quoting_part_of_a_body_sentence_is_refused():
    seed = Seed.from_file()
    body = [transcription.Para("Autologous stem cell transplants", after=True)]
    with pytest.raises(SeedMismatch, match="part of a sentence"):
        seed.rich_text(body, placed_elsewhere=["reset the immune system"])
