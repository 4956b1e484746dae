"""The plain-language check: editors see a page's reading grades (Flesch–Kincaid and SMOG), its
reading age and the guide's target (a reading age of 11 or lower, the top of the NHS's 9 to 11)
in the page editor, and its grade in the "Reviews due" report; it advises and never blocks."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Page

from plain_language.models import RevisionReadingGrade
from plain_language.readability import check_page, check_text, page_text
from tests.factories import TreatmentPageFactory
from tests.page_text import visible_text
from tests.review_support import edit, new_treatment
from treatments.models import TherapyCategoryPage, TreatmentPage

pytestmark = pytest.mark.django_db

# Made-up test wording, not medical content: long words in one long sentence.
DENSE = (
    "Notwithstanding considerable interindividual variability, pharmacological "
    "administration necessitates comprehensive multidisciplinary evaluation, meticulous "
    "longitudinal documentation and systematic reassessment of contraindications."
)
# The "Reviews due" report, whatever the number of rows it shows.
REPORT_QUERIES = 20
SIMPLE = "Take it with food. Do not stop it on your own. Ask your doctor if you feel ill."


def edit_view(client, page):
    return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def report_rows(client, **filters):
    response = client.get(reverse("medical_review_reviews_due"), filters)
    assert response.status_code == 200
    return response, {page.pk: page for page in response.context["object_list"]}


def test_an_editor_sees_the_reading_grade_and_the_target_in_the_page_editor(client, users):
    baclofen = TreatmentPage.objects.get(slug="baclofen")
    expected = check_page(baclofen)
    client.force_login(users["editor"])

    response = edit_view(client, baclofen)

    assert response.status_code == 200
    text = visible_text(response)
    assert f"Reading grade {expected.grade}" in text
    assert f"a reading age of {expected.reading_age}" in text
    assert (
        "The NHS checks health information with SMOG and aims for a reading age of 9 to 11, as "
        "the Patient Information Forum (PIF) recommends. The guide's target is a reading age "
        "of 11 or lower (grade 6)"
    ) in text
    assert "grade 8 or lower" not in text
    assert "it never stops you saving, submitting or publishing" in text


def test_the_editor_shows_the_grade_of_the_current_draft(client, users, guide):
    page = new_treatment(guide)
    client.force_login(users["editor"])
    assert edit(client, page, regimen=SIMPLE).status_code == 302

    text = visible_text(edit_view(client, page))

    page = TreatmentPage.objects.get(pk=page.pk)
    assert page.regimen != SIMPLE  # a draft: the live page is unchanged
    draft = check_page(page.get_latest_revision_as_object())
    assert draft.grade <= 6
    assert f"Reading grade {draft.grade}" in text
    assert "This text meets the target." in text


def test_a_page_above_the_target_still_saves_and_submits(client, users, guide):
    page = new_treatment(guide)
    client.force_login(users["editor"])

    saved = edit(client, page, regimen=DENSE)
    submitted = edit(client, TreatmentPage.objects.get(pk=page.pk), "action-submit", regimen=DENSE)

    assert saved.status_code == submitted.status_code == 302
    page = TreatmentPage.objects.get(pk=page.pk)
    assert page.workflow_in_progress
    assert page.get_latest_revision_as_object().regimen == DENSE
    grade = RevisionReadingGrade.objects.get(revision=page.latest_revision).grade
    assert grade > 8
    text = visible_text(edit_view(client, page))
    assert f"Reading grade {grade}" in text
    assert "This text is above the target" in text


def test_a_new_page_without_text_says_there_is_nothing_to_check(client, users, guide):
    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    client.force_login(users["editor"])

    response = client.get(
        reverse("wagtailadmin_pages:add", args=["treatments", "treatmentpage", category.pk])
    )

    assert response.status_code == 200
    assert "Reading grade: no text to check yet." in visible_text(response)


def test_every_saved_revision_of_a_page_has_its_reading_grade(guide):
    page = new_treatment(guide)
    page.regimen = DENSE
    revision = page.save_revision()

    stored = RevisionReadingGrade.objects.get(revision=revision)

    assert stored.grade == check_text(page_text(page)).grade > 8
    assert stored.words == check_text(page_text(page)).words


def test_the_reviews_due_report_shows_each_pages_reading_grade(client, users, guide):
    page = new_treatment(guide)
    page.regimen = DENSE
    page.save_revision()  # a draft: the report shows the grade of the text being worked on
    client.force_login(users["advisor"])

    response, rows = report_rows(client)

    assert "Reading grade" in visible_text(response)
    grade = RevisionReadingGrade.objects.get(revision=Page.objects.get(pk=page.pk).latest_revision)
    assert rows[page.pk].reading_grade == grade.grade
    assert f"<td data-reading-grade>{grade.grade}</td>" in response.content.decode()
    baclofen = TreatmentPage.objects.get(slug="baclofen")
    assert rows[baclofen.pk].reading_grade == check_page(baclofen).grade


def test_the_reviews_due_export_has_a_reading_grade_column(client, users, guide):
    client.force_login(users["advisor"])

    response = client.get(reverse("medical_review_reviews_due"), {"export": "csv"})

    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    baclofen = next(row for row in rows if row["Title"] == "Baclofen")
    assert (
        Decimal(baclofen["Reading grade"])
        == check_page(TreatmentPage.objects.get(slug="baclofen")).grade
    )


def test_the_report_reads_grades_in_the_same_queries_however_many_pages(
    client, users, guide, django_assert_max_num_queries
):
    client.force_login(users["advisor"])
    url = reverse("medical_review_reviews_due")
    client.get(url)
    with django_assert_max_num_queries(REPORT_QUERIES) as before:
        client.get(url)
    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    for n in range(20):
        TreatmentPageFactory(parent=category, title=f"Gradamide {n}").save_revision()
    with django_assert_max_num_queries(REPORT_QUERIES) as after:
        client.get(url)

    assert len(after) == len(before)
    grade_table = RevisionReadingGrade._meta.db_table
    own_queries = [
        q for q in after.captured_queries if q["sql"].startswith(f'SELECT "{grade_table}"')
    ]
    assert own_queries == [], "grades are read in the report's own query"


def test_a_page_may_supply_its_reader_facing_text():
    class Leaflet:
        def plain_language_text(self):
            return SIMPLE

    assert page_text(Leaflet()) == SIMPLE
    assert check_page(Leaflet()).grade <= 6


def test_headings_and_list_items_count_as_sentences_of_their_own(guide):
    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    category.intro = "<h2>What these do</h2><ul><li>Ease spasms</li><li>Ease pain</li></ul>"

    assert page_text(category) == "What these do.\nEase spasms.\nEase pain."


def test_the_update_command_grades_pages_saved_before_the_check(guide):
    from django.core.management import call_command

    RevisionReadingGrade.objects.all().delete()
    out = io.StringIO()
    call_command("update_reading_grades", stdout=out)

    pages = Page.objects.descendant_of(guide, inclusive=True).count()
    assert RevisionReadingGrade.objects.count() >= pages
    assert "Graded" in out.getvalue()


def test_plain_language_imports_no_other_app_of_the_site():
    import ast
    from pathlib import Path

    import plain_language

    root = Path(plain_language.__file__).parent
    imported = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)

    assert not imported & {"treatments", "medical_review", "search", "http_cache", "accounts"}


def test_smog_and_a_reading_age_stand_beside_flesch_kincaid():
    check = check_text(" ".join([DENSE] * 3))

    assert check.smog is not None and check.smog > 6
    assert check.smog_reading_age == check.smog + 5
    assert check.reading_age == check.grade + 5
    assert check.judged_by_smog and not check.within_target


def test_a_text_of_fewer_than_three_sentences_is_judged_by_flesch_kincaid():
    check = check_text("Take it with food. Ask your doctor.")

    assert check.smog is None and not check.judged_by_smog
    assert check.within_target == (check.grade <= 6)


def test_the_editor_shows_smog_and_the_reading_age(client, users, guide):
    page = new_treatment(guide)
    client.force_login(users["editor"])
    assert edit(client, page, regimen=" ".join([DENSE] * 3)).status_code == 302
    draft = check_page(TreatmentPage.objects.get(pk=page.pk).get_latest_revision_as_object())

    text = visible_text(edit_view(client, page))

    assert f"SMOG grade {draft.smog} (a reading age of {draft.smog_reading_age})" in text
    assert f"Reading grade {draft.grade}" in text
    assert "This text is above the target" in text
