"""The glossary: terms the seed explains, kept as snippets through the medical review, listed on
the glossary page and linked from the first use on every guide page."""

import json
import re

import pytest
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Revision

from glossary.content import TERMS
from glossary.loading import GlossaryLoader, load_glossary
from glossary.models import GlossaryPage, GlossaryTerm
from medical_review.models import MedicalReview, MedicalReviewTask
from medical_review.permissions import EDITORS, MEDICAL_ADVISORS, MODERATORS
from tests.review_support import (
    ATTESTED,
    edit_snippet,
    messages_of,
    publish_unreviewed,
    snippet_action,
    snippet_url,
    submit_snippet,
)
from treatments.loading import SEED_PATH, SeedMismatch
from treatments.models import TherapyCategoryPage, TreatmentPage

pytestmark = pytest.mark.django_db

SEED_TERMS = {
    "Immunotherapy",
    "Lymphocytes",
    "B cells",
    "T cells",
    "Immunoglobulins",
    "Plasma exchange",
    "Stem cells",
    "Autologous",
    "SNRI",
    "SSRI",
}
GLOSSARY_URL = "/treatments/glossary/"
NEW_DEFINITION = "B cells make antibodies, the proteins that recognise one target each."


@pytest.fixture
def glossary(guide):
    """The glossary as `load_treatment_guide` loads it: its page and the seed's terms, live."""
    load_glossary()
    return GlossaryPage.objects.get()


@pytest.fixture
def b_cells(glossary):
    return GlossaryTerm.objects.get(slug="b-cells")


TERM_FIELDS = ("term", "expansion", "other_forms", "definition", "slug")


def url(name, *args):
    return snippet_url(GlossaryTerm, name, *args)


def edit_term(client, term, action=None, **changes):
    return edit_snippet(client, term, TERM_FIELDS, action, **changes)


def submit_change(client, user, term, definition=NEW_DEFINITION):
    return submit_snippet(client, user, term, TERM_FIELDS, definition=definition)


term_action = snippet_action


def live_definition(term):
    return GlossaryTerm.objects.get(pk=term.pk).definition


def entry_text(html, slug):
    """The text of the glossary entry whose `<dfn>` has id `slug`."""
    match = re.search(
        rf'<div class="glossary__entry">\s*<dt><dfn id="{slug}">.*?</div>', html, re.S
    )
    assert match, f"no entry {slug}"
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))).strip()
    return re.sub(r" ([.,])", r"\1", text)


# -- what the seed says ------------------------------------------------------------------------


def test_glossary_terms_are_the_ones_the_seed_explains_each_defined_in_its_words(glossary):
    seed = " ".join(SEED_PATH.read_text(encoding="utf-8").split())
    terms = GlossaryTerm.objects.filter(live=True)

    assert {term.term for term in terms} == SEED_TERMS
    for term in terms:
        assert term.definition in seed, term.term
        assert term.expansion in seed, term.term
    snri = terms.get(term="SNRI")
    assert snri.expansion == "serotonin and norepinephrine re-uptake inhibitors"


def test_loader_refuses_a_definition_the_seed_does_not_say(guide):
    changed_seed = SEED_PATH.read_text(encoding="utf-8").replace(
        "B cells make antibodies.", "B cells make antibodies quickly."
    )
    with pytest.raises(SeedMismatch):
        GlossaryLoader(seed_text=changed_seed).load()
    assert not GlossaryTerm.objects.exists()


def test_the_command_loads_the_glossary_once_and_keeps_an_editors_change(guide, users, capsys):
    call_command("load_treatment_guide")
    assert "Created 10 glossary terms and the glossary page." in capsys.readouterr().out
    b_cells = GlossaryTerm.objects.get(slug="b-cells")
    b_cells.definition = NEW_DEFINITION
    b_cells.save_revision(user=users["editor"])

    call_command("load_treatment_guide")

    out = capsys.readouterr().out
    assert "Created 0 glossary terms." in out
    assert "skipped: B cells (edited by editor since loading)" in out
    assert GlossaryTerm.objects.count() == 10
    assert GlossaryPage.objects.count() == 1
    assert live_definition(b_cells) == "B cells make antibodies."


def test_seed_terms_are_live_and_not_yet_reviewed(glossary):
    assert all(term.live and term.live_revision_id for term in GlossaryTerm.objects.all())
    assert not MedicalReview.objects.exists()
    html = Client().get(GLOSSARY_URL).content.decode()
    assert entry_text(html, "b-cells").endswith("Not yet medically reviewed.")


# -- roles and the workflow ----------------------------------------------------------------------


def test_glossary_terms_are_under_the_medical_review_workflow(glossary):
    workflow = GlossaryTerm.get_default_workflow()
    assert workflow.name == "Medical review"
    assert isinstance(workflow.tasks.get().specific, MedicalReviewTask)


def test_only_moderators_hold_the_publish_permission_of_terms(glossary):
    def codenames(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="glossary")
            .values_list("codename", flat=True)
        )

    assert codenames(EDITORS) == {"add_glossaryterm", "change_glossaryterm", "view_glossaryterm"}
    assert codenames(MEDICAL_ADVISORS) == codenames(EDITORS)
    assert "publish_glossaryterm" in codenames(MODERATORS)


@pytest.mark.parametrize("role", ["editor", "moderator", "superuser"])
def test_editors_and_superusers_are_offered_submit_but_no_publish(client, users, b_cells, role):
    client.force_login(users[role])
    html = client.get(url("edit", quote(b_cells.pk))).content.decode()

    assert 'name="action-submit"' in html
    assert "Submit to Medical review" in html
    assert 'name="action-publish"' not in html
    assert ("Unpublish" in html) == (role != "editor")  # a take-down needs no review


@pytest.mark.parametrize("role", ["editor", "advisor", "moderator", "superuser"])
def test_nobody_publishes_a_term_directly_even_by_posting_the_publish_action(
    client, users, b_cells, role
):
    client.force_login(users[role])
    response = edit_term(client, b_cells, "action-publish", definition=NEW_DEFINITION)

    assert response.status_code == 302
    assert any(
        "goes live only when a medical advisor approves it" in m for m in messages_of(response)
    )
    assert live_definition(b_cells) == "B cells make antibodies."
    assert Revision.objects.for_instance(b_cells).count() == 1  # not even a draft was saved
    assert "B cells make antibodies." in Client().get(GLOSSARY_URL).content.decode()


@pytest.mark.parametrize("view", ["add", "copy"])
def test_no_new_term_is_published_directly_from_the_add_or_copy_view(client, users, b_cells, view):
    client.force_login(users["superuser"])
    path = url("add") if view == "add" else url("copy", quote(b_cells.pk))
    data = {"term": "Antibodies", "definition": "Made up.", "slug": "antibodies"}

    response = client.post(path, {**data, "action-publish": "1"})

    assert response.status_code == 302
    assert not GlossaryTerm.objects.filter(slug="antibodies").exists()


def test_editor_cannot_approve_or_publish_through_the_workflow_views(client, users, b_cells):
    submit_change(client, users["editor"], b_cells)
    response = term_action(client, b_cells, "approve", ATTESTED)

    assert response.status_code in (302, 403)  # Wagtail's "no permission", then the dashboard
    assert live_definition(b_cells) == "B cells make antibodies."
    assert not MedicalReview.objects.exists()


def test_advisor_who_did_not_write_the_change_approves_and_it_goes_live(client, users, b_cells):
    submit_change(client, users["editor"], b_cells)
    html = Client().get(GLOSSARY_URL).content.decode()
    assert NEW_DEFINITION not in html  # submitted is not live

    client.force_login(users["advisor"])
    dialog = client.get(url("workflow_action", quote(b_cells.pk), "approve", _task(b_cells)))
    assert "Changes from the live page" in dialog.json()["html"]
    assert "I have checked this content against current clinical evidence" in dialog.json()["html"]
    response = term_action(client, b_cells, "approve", {**ATTESTED, "comment": "Checked."})

    assert response.status_code == 302
    assert any("“B cells” was approved and published." in m for m in messages_of(response))
    term = GlossaryTerm.objects.get(pk=b_cells.pk)
    assert term.definition == NEW_DEFINITION and not term.workflow_in_progress
    review = MedicalReview.objects.get(revision=term.live_revision)
    assert review.page is None and review.page_title == "B cells"
    assert review.reviewer_display == "Ada Advisor, MD (Neurologist)"
    html = Client().get(GLOSSARY_URL).content.decode()
    assert entry_text(html, "b-cells") == (
        f"B cells {NEW_DEFINITION} Medically reviewed by Ada Advisor, MD (Neurologist) on "
        f"{review.reviewed_on:%-d %B %Y}."
    )


def _task(term):
    term.refresh_from_db()
    return term.current_workflow_task_state.pk


def test_approval_needs_the_attestation_and_a_summary(client, users, b_cells):
    submit_change(client, users["editor"], b_cells)
    client.force_login(users["advisor"])

    response = term_action(client, b_cells, "approve", {"summary": "Checked", "comment": ""})

    assert response.status_code == 302
    assert any("Tick the box" in m for m in messages_of(response))
    assert live_definition(b_cells) == "B cells make antibodies."


def test_author_cannot_approve_their_own_change(client, users, b_cells):
    submit_change(client, users["advisor"], b_cells)
    html = client.get(url("edit", quote(b_cells.pk))).content.decode()
    assert "Approve" not in re.sub(r"<script.*?</script>", "", html, flags=re.S).split("footer")[-1]

    response = term_action(client, b_cells, "approve", ATTESTED)

    assert response.status_code == 302
    refusal = (
        "You submitted this glossary term for medical review, so another medical advisor "
        "must approve it."
    )
    assert any(refusal in m for m in messages_of(response))
    assert live_definition(b_cells) == "B cells make antibodies."


def test_advisor_who_wrote_a_change_someone_else_submitted_cannot_approve(client, users, b_cells):
    client.force_login(users["advisor"])
    edit_term(client, b_cells, definition=NEW_DEFINITION)  # a draft
    submit_change(client, users["editor"], b_cells, definition=NEW_DEFINITION + " ")

    client.force_login(users["advisor"])
    response = term_action(client, b_cells, "approve", ATTESTED)

    assert any("You wrote some of the changes under review" in m for m in messages_of(response))
    assert live_definition(b_cells) == "B cells make antibodies."
    client.force_login(users["advisor2"])
    assert term_action(client, b_cells, "approve", ATTESTED).status_code == 302
    assert live_definition(b_cells).startswith(NEW_DEFINITION)


def test_advisor_requests_changes_with_a_comment(client, users, b_cells):
    submit_change(client, users["editor"], b_cells)
    client.force_login(users["advisor"])

    term_action(client, b_cells, "reject", {"comment": "Quote the guide."})

    b_cells.refresh_from_db()
    assert b_cells.current_workflow_state.status == "needs_changes"
    assert live_definition(b_cells) == "B cells make antibodies."


def test_advisors_dashboard_lists_a_term_waiting_for_review(client, users, b_cells):
    submit_change(client, users["editor"], b_cells)
    client.force_login(users["advisor2"])

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Waiting for a medical advisor (1)" in html
    assert ">B cells</a>" in html


def test_moderator_takes_a_term_down_at_once(client, users, b_cells):
    client.force_login(users["moderator"])
    response = client.post(url("unpublish", quote(b_cells.pk)))

    assert response.status_code == 302
    assert not GlossaryTerm.objects.get(pk=b_cells.pk).live
    assert 'id="b-cells"' not in Client().get(GLOSSARY_URL).content.decode()


def test_editor_cannot_unpublish_or_delete_a_term(client, users, b_cells):
    client.force_login(users["editor"])
    assert client.post(url("unpublish", quote(b_cells.pk))).status_code == 302
    client.post(url("delete", quote(b_cells.pk)))
    assert GlossaryTerm.objects.get(pk=b_cells.pk).live


def test_a_second_term_with_the_same_address_is_a_form_error(client, users, glossary):
    client.force_login(users["editor"])
    response = client.post(
        url("add"),
        {"term": "B-cell", "definition": "x", "slug": "b-cells", "action-submit": "1"},
    )
    assert response.status_code == 200
    assert "Another term has this address already." in response.content.decode()


# -- the glossary page ---------------------------------------------------------------------------


def test_glossary_page_lists_every_live_term_with_its_definition(glossary):
    response = Client().get(GLOSSARY_URL)
    html = response.content.decode()

    assert response.status_code == 200
    assert re.findall(r'<dfn id="([^"]+)"', html) == sorted(
        (entry.slug for entry in TERMS),
        key=lambda slug: next(t.term for t in TERMS if t.slug == slug),
    )
    assert entry_text(html, "lymphocytes").startswith(
        "Lymphocytes An important part of the immune system are certain white blood cells "
        "called lymphocytes."
    )
    assert (
        '<dfn id="ssri"><abbr title="selective serotonin re-uptake inhibitors">SSRI</abbr></dfn>'
        in html
    )
    assert '<a href="/treatments/">Back to' in html
    assert 'aria-current="page">Glossary<' in html


def test_glossary_page_shows_no_draft_and_no_unpublished_term(client, users, b_cells):
    client.force_login(users["editor"])
    edit_term(client, b_cells, definition=NEW_DEFINITION)  # a draft
    client.post(url("add"), {"term": "Antibodies", "definition": "Draft.", "slug": "antibodies"})

    html = Client().get(GLOSSARY_URL).content.decode()

    assert NEW_DEFINITION not in html and 'id="antibodies"' not in html
    assert "B cells make antibodies." in html


def test_glossary_page_is_in_the_sitemap(glossary):
    assert f"{GLOSSARY_URL}</loc>" in Client().get("/sitemap.xml").content.decode()


def test_glossary_page_costs_the_same_queries_with_twice_the_terms(
    glossary, django_assert_num_queries
):
    def queries():
        Client().get(GLOSSARY_URL + "?uncached=1")
        with django_assert_num_queries(GLOSSARY_PAGE_QUERIES) as captured:
            assert Client().get(GLOSSARY_URL + "?uncached=1").status_code == 200
        return len(captured)

    before = queries()
    for n in range(10):
        term = GlossaryTerm.objects.create(term=f"Term {n}", definition="Text.", slug=f"term-{n}")
        publish_unreviewed(term)
    assert queries() == before


# The site, the reader's Locale, the home page, one row per level below it (the guide and the
# glossary page, each with its specific row and view restrictions), its editions in other
# languages, the live terms, their reviews, the site's disclaimer and the foundation's identity.
GLOSSARY_PAGE_QUERIES = 10


# -- links from guide pages ----------------------------------------------------------------------


def treatment(slug):
    return TreatmentPage.objects.get(slug=slug)


def test_first_use_of_a_term_links_to_its_glossary_entry(glossary):
    html = Client().get(treatment("rituximab").url).content.decode()

    link = '<a class="glossary-term" href="/treatments/glossary/#b-cells">B cells</a>'
    assert html.count(link) == 1
    assert html.count('href="/treatments/glossary/#b-cells"') == 1  # the first use only


def test_a_term_is_linked_whatever_its_case_and_in_its_other_forms(glossary):
    html = Client().get(treatment("mycophenolate-mofetil").url).content.decode()

    assert '<a class="glossary-term" href="/treatments/glossary/#b-cells">B cell</a>' in html
    assert '<a class="glossary-term" href="/treatments/glossary/#t-cells">T cell</a>' in html


def test_abbreviations_link_with_their_expansion(glossary):
    anxiety = TherapyCategoryPage.objects.get(slug="anxiety-and-depression")
    html = Client().get(anxiety.url).content.decode()

    assert (
        '<a class="glossary-term" href="/treatments/glossary/#snri"><abbr title="serotonin and '
        'norepinephrine re-uptake inhibitors">SNRI</abbr></a>' in html
    )
    assert 'href="/treatments/glossary/#ssri"' in html


def test_terms_are_never_linked_inside_headings_links_or_parts_of_words(glossary):
    html = Client().get(treatment("ivig").url).content.decode()
    headings = re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>", html, re.S)
    links = re.findall(r"<a [^>]*>(?:(?!</a>).)*<a ", html, re.S)

    assert headings and not any("glossary-term" in heading for heading in headings)
    assert not links  # no link inside another
    assert "glossary-term" in html
    assert not re.search(r"\w<a class=\"glossary-term\"", html)


def test_a_term_not_live_is_not_linked(client, users, b_cells):
    client.force_login(users["moderator"])
    client.post(url("unpublish", quote(b_cells.pk)))

    html = Client().get(treatment("rituximab").url).content.decode()

    assert "#b-cells" not in html


def test_a_drafted_form_is_not_linked_before_approval(client, users, glossary):
    autologous = GlossaryTerm.objects.get(slug="autologous")
    client.force_login(users["editor"])
    edit_term(client, autologous, other_forms="Depletes")

    assert "glossary-term" not in _around(treatment("rituximab"), "Depletes")


def _around(page, word):
    html = Client().get(page.url).content.decode()
    index = html.index(word)
    return html[index - 60 : index + 10]


def approve_from_the_editor(client, term, data):
    """What the editor's "Approve and Publish" posts once its dialog collected `data`."""
    approve = {
        "action-workflow-action": "1",
        "workflow-action-name": "approve",
        "workflow-action-extra-data": json.dumps(data),
    }
    return edit_snippet(client, term, TERM_FIELDS, **approve)


def test_advisor_approves_from_the_term_editor(client, users, b_cells):
    submit_change(client, users["editor"], b_cells)
    client.force_login(users["advisor"])
    html = client.get(url("edit", quote(b_cells.pk))).content.decode()
    assert "Approve and Publish" in html

    response = approve_from_the_editor(client, b_cells, ATTESTED)

    assert response.status_code == 302
    assert any("“B cells” was approved and published." in m for m in messages_of(response))
    term = GlossaryTerm.objects.get(pk=b_cells.pk)
    assert term.definition == NEW_DEFINITION
    assert MedicalReview.objects.get(revision=term.live_revision).reviewer == users["advisor"]


def test_the_term_editor_refuses_an_approval_without_the_attestation(client, users, b_cells):
    submit_change(client, users["editor"], b_cells)
    client.force_login(users["advisor"])

    response = approve_from_the_editor(client, b_cells, {"summary": "Checked", "comment": ""})

    assert response.status_code == 302
    assert any("Tick the box" in m for m in messages_of(response))
    assert live_definition(b_cells) == "B cells make antibodies."
