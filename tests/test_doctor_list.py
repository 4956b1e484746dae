"""The list for the doctor: treatments ticked in the “At a glance” table, on one printable page
with their key facts, cautions, review lines, addresses, the day it was made and the disclaimer.
"""

import datetime
import re

import pytest
import segno
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import TreatmentPageFactory, record_review
from tests.page_text import visible_text
from tests.review_support import set_live_disclaimer
from tests.test_production_security import InlineCode
from tests.test_spanish_site import baclofen, translate_with_ancestors
from treatments.models import (
    TherapyCategoryPage,
    TreatmentGuidePage,
    TreatmentPage,
)
from treatments.models.pages import DOCTOR_LIST_MAX

URL = "/treatments/for-your-doctor/"
TABLE = "/treatments/at-a-glance/"
pytestmark = pytest.mark.django_db


def treatment(slug):
    return TreatmentPage.objects.get(slug=slug)


def ids_of(*slugs):
    return [treatment(slug).pk for slug in slugs]


def listed_titles(response):
    return re.findall(r'<h2 id="treatment-\d+">(.*?)</h2>', response.content.decode())


def test_the_table_is_a_get_form_with_a_checkbox_for_every_treatment(client, guide):
    html = client.get(TABLE).content.decode()
    form = re.search(r'<form class="doctor-list-form" method="get" action="([^"]+)"', html)
    assert form and form.group(1) == URL
    ticked = re.findall(r'<input type="checkbox" name="t" value="(\d+)">', html)
    assert sorted(map(int, ticked)) == sorted(
        TreatmentPage.objects.live().values_list("pk", flat=True)
    )
    assert "Add Baclofen to the list for your doctor" in html
    assert (
        '<button type="submit" class="glance__make-list">Make a list for your doctor</button>'
        in html
    )


def test_ticked_treatments_are_listed_in_the_guides_order_with_their_key_facts(client, guide):
    response = client.get(
        URL, {"t": ids_of("rituximab", "baclofen", "autologous-stem-cell-transplant")}
    )
    assert response.status_code == 200
    # The guide's order (the tree's, as the overview lists them), not the order of the ticks.
    assert listed_titles(response) == ["Baclofen", "Rituximab", "Autologous stem cell transplants"]
    text = visible_text(response)
    assert "Lioresal" in text  # baclofen's brand name
    assert "Muscle Relaxants" in text  # its category
    assert "“Second Line”" in text  # rituximab's line of therapy
    # The treatment's own caution, as the seed words it.
    assert "The procedure itself is complicated and considered high risk." in text
    assert "Diazepam" not in text


def test_each_treatment_carries_its_review_line(client, guide):
    baclofen = treatment("baclofen")
    record_review(
        baclofen,
        datetime.datetime(2026, 1, 15, 12, tzinfo=datetime.UTC),
        next_review_due=datetime.date(2027, 1, 15),
        reviewer_name="Ada Advisor",
        reviewer_credentials="MD",
    )
    text = visible_text(client.get(URL, {"t": ids_of("baclofen", "diazepam")}))
    assert (
        "Medically reviewed by Ada Advisor, MD on 15 January 2026 · Next review due 15 January 2027"
        in text
    )
    assert "This page has not yet been medically reviewed." in text  # diazepam


def test_the_list_gives_each_pages_full_address_the_day_and_the_disclaimer(client, guide, site):
    set_live_disclaimer("Ask your own doctor before changing any treatment.")
    baclofen, diazepam = treatment("baclofen"), treatment("diazepam")
    with time_machine.travel(datetime.datetime(2026, 6, 2, 9, tzinfo=datetime.UTC), tick=False):
        response = client.get(URL, {"t": [baclofen.pk, diazepam.pk]})
    html = response.content.decode()
    for page in (baclofen, diazepam):
        address = page.get_full_url()
        assert address.startswith("http") and address.endswith(page.url)
        assert f'<a href="{address}">{address}</a>' in html
    text = visible_text(response)
    assert "List made on 2 June 2026" in text
    assert "Ask your own doctor before changing any treatment." in text


def test_the_list_is_never_indexed_nor_kept_by_a_shared_cache(client, guide):
    response = client.get(URL, {"t": ids_of("baclofen")})
    assert 'name="robots" content="noindex' in response.content.decode()
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-cache" in cache_control
    assert URL not in guide.get_cached_paths()
    assert all("for-your-doctor" not in url["location"] for url in guide.get_sitemap_urls())


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "You have not ticked any treatments yet."),
        ("t=", "You have not ticked any treatments yet."),
        ("t=abc", "This address does not name treatments of the guide."),
        ("t=-3", "This address does not name treatments of the guide."),
        ("t=1.5", "This address does not name treatments of the guide."),
        ("t=%EF%BC%91", "This address does not name treatments of the guide."),  # a wide "1"
        ("t=99999999999999999999", "This address does not name treatments of the guide."),
        ("t=1&t=%00", "This address does not name treatments of the guide."),
    ],
)
def test_bad_input_gets_a_clear_400_page(client, guide, query, message):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    text = visible_text(response)
    assert message in text
    assert "Go to the table of treatments" in text


def test_too_many_treatments_get_a_clear_400_page(client, guide):
    response = client.get(URL, {"t": range(1, DOCTOR_LIST_MAX + 2)})
    assert response.status_code == 400
    assert f"A list can hold at most {DOCTOR_LIST_MAX} treatments." in visible_text(response)


def test_the_same_treatment_ticked_twice_is_listed_once(client, guide):
    baclofen = treatment("baclofen").pk
    response = client.get(URL, {"t": [baclofen] * (DOCTOR_LIST_MAX + 5)})
    assert response.status_code == 200
    assert listed_titles(response) == ["Baclofen"]


def test_unknown_treatments_are_left_out_and_said_so(client, guide):
    known = treatment("baclofen").pk
    response = client.get(URL, {"t": [known, 99999999]})
    assert response.status_code == 200
    assert listed_titles(response) == ["Baclofen"]
    assert "1 of the treatments you chose is not in the guide now" in visible_text(response)

    response = client.get(URL, {"t": [99999999]})
    assert response.status_code == 404
    assert "None of the treatments you chose is in the guide now." in visible_text(response)


def test_pages_that_are_not_treatments_are_not_listed(client, guide):
    category = TherapyCategoryPage.objects.get(slug="muscle-relaxants")
    response = client.get(URL, {"t": [guide.pk, category.pk, guide.get_parent().pk]})
    assert response.status_code == 404


def test_unpublished_private_and_draft_content_is_never_shown(client, guide):
    rituximab = treatment("rituximab")
    rituximab.unpublish()
    never_published = TreatmentPageFactory(
        parent=TherapyCategoryPage.objects.get(slug="muscle-relaxants"),
        title="Draftamide",
        live=False,
    )
    private = treatment("gabapentin")
    PageViewRestriction.objects.create(
        page=private.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    hidden_category = TherapyCategoryPage.objects.get(slug="second-line")
    below_unpublished = (
        TreatmentPage.objects.child_of(hidden_category).exclude(pk=rituximab.pk).first()
    )
    hidden_category.unpublish()
    baclofen = treatment("baclofen")
    draft = baclofen.get_latest_revision_as_object()
    draft.cautions = "Draft caution nobody has approved."
    draft.title = "Baclofen (draft title)"
    draft.save_revision()

    chosen = [rituximab.pk, never_published.pk, private.pk, below_unpublished.pk, baclofen.pk]
    response = client.get(URL, {"t": chosen})
    assert response.status_code == 200
    assert listed_titles(response) == ["Baclofen"]
    text = visible_text(response)
    for hidden in ("Rituximab", "Draftamide", private.title, below_unpublished.title):
        assert hidden not in text
    assert "Draft caution nobody has approved." not in text and "draft title" not in text
    assert "4 of the treatments you chose are not in the guide now" in text


def test_the_list_is_not_served_while_the_guide_is_private(client, guide):
    PageViewRestriction.objects.create(
        page=guide, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response = client.get(URL, {"t": ids_of("baclofen")})
    assert response.status_code == 200  # Wagtail's password form, not the list
    assert "Baclofen" not in visible_text(response)
    assert "Lioresal" not in response.content.decode()


def _queries_for(client, ids):
    url = URL + "?uncached=1&" + "&".join(f"t={pk}" for pk in ids)
    client.get(url)  # warms per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_ticked_treatments(client, guide):
    reviewed_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    pages = list(TreatmentPage.objects.live().order_by("path"))
    for page in pages:
        record_review(page, reviewed_at, next_review_due=datetime.date(2027, 1, 1))
    ids = [page.pk for page in pages]
    assert len(ids) >= 20
    assert _queries_for(client, ids[:1]) == _queries_for(client, ids[:20])


def test_the_guide_serves_the_list_at_its_own_route(guide):
    assert isinstance(guide, TreatmentGuidePage)
    assert guide.reverse_subpage("for_your_doctor") == "for-your-doctor/"


def test_a_caution_the_treatments_share_is_said_once_with_the_treatments_it_applies_to(
    client, guide
):
    response = client.get(URL, {"t": ids_of("baclofen", "diazepam")})
    text = visible_text(response)

    shared = "All of these medications have significant risks and side effects"
    assert text.count(shared) == 1
    assert "applies to every treatment on this list." in text


def list_address_in(html):
    found = re.search(r'The address of this list: <a href="([^"]+)">\1</a>', html)
    return found and found.group(1).replace("&amp;", "&")


def test_the_list_prints_its_own_address_naming_only_the_listed_treatments(client, guide, site):
    baclofen, rituximab = treatment("baclofen"), treatment("rituximab")
    response = client.get(
        URL, {"t": [rituximab.pk, 99999999, baclofen.pk], "utm_source": "newsletter"}
    )
    html = response.content.decode()
    # Absolute, on the Site's own address, in the list's order, without the unknown id or
    # the tracking parameter.
    expected = f"{site.root_url}{URL}?t={baclofen.pk}&t={rituximab.pk}"
    assert list_address_in(html) == expected
    assert f"The address of this list: {expected}" in visible_text(response)


def test_the_printout_carries_a_named_qr_code_of_the_lists_address(client, guide, site):
    baclofen, diazepam = treatment("baclofen"), treatment("diazepam")
    html = client.get(URL, {"t": [diazepam.pk, baclofen.pk]}).content.decode()
    svg = re.search(r'<svg role="img" [^>]*class="qr-code"[^>]*>(.*?)</svg>', html, re.S)
    assert svg, "no QR code on the list"
    assert "<title>QR code of this list’s address</title>" in svg.group(1)
    # The same modules a QR code of the printed address has: it encodes that address.
    address = list_address_in(html)
    drawn = re.search(r' d="([^"]+)"', svg.group(1)).group(1)
    assert drawn == re.search(r' d="([^"]+)"', segno.make(address, error="m").svg_inline())[1]
    assert f"t={baclofen.pk}&t={diazepam.pk}" in address


def test_no_address_nor_qr_code_on_a_refused_list(client, guide):
    for query in ("t=abc", "t=99999999"):
        html = client.get(f"{URL}?{query}").content.decode()
        assert "The address of this list" not in html and "<svg" not in html


def test_back_to_the_table_finds_the_listed_treatments_still_ticked(client, guide):
    baclofen, rituximab = treatment("baclofen"), treatment("rituximab")
    html = client.get(URL, {"t": [rituximab.pk, baclofen.pk]}).content.decode()
    back = re.search(r'<a class="doctor-list__back" href="([^"]+)">Back to the table', html)
    assert back.group(1) == f"{TABLE}?t={baclofen.pk}&amp;t={rituximab.pk}"

    table = client.get(back.group(1).replace("&amp;", "&")).content.decode()
    ticked = re.findall(r'<input type="checkbox" name="t" value="(\d+)" checked>', table)
    assert sorted(map(int, ticked)) == sorted([baclofen.pk, rituximab.pk])


def test_the_table_ignores_ticks_that_name_no_treatment(client, guide):
    baclofen = treatment("baclofen").pk
    response = client.get(TABLE, {"t": ["abc", "-1", "99999999", str(baclofen)]})
    assert response.status_code == 200
    ticked = re.findall(r'name="t" value="(\d+)" checked', response.content.decode())
    assert ticked == [str(baclofen)]
    # The plain table is not ticked.
    assert " checked>" not in client.get(TABLE).content.decode()


def test_the_print_button_is_offered_only_by_a_script_the_policy_allows(client, guide):
    response = client.get(URL, {"t": ids_of("baclofen")})
    html = response.content.decode()
    # Hidden in the markup: without JavaScript no button is offered that would do nothing.
    assert re.search(
        r'<p class="doctor-list__print" hidden><button type="button" data-print-page>'
        r"Print this list</button></p>",
        html,
    )
    assert '<script defer src="/static/js/print-button.js"></script>' in html
    # Nothing the strict policy blocks: no inline script, style or handler (the QR code's
    # SVG included).
    parser = InlineCode()
    parser.feed(html)
    assert parser.found == []
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_spanish_list_names_its_spanish_address_and_table_in_spanish(client, guide, site):
    spanish_baclofen = translate_with_ancestors(baclofen())
    response = client.get(f"/es{URL}", {"t": [spanish_baclofen.pk]})
    html = response.content.decode()

    address = f"{site.root_url}/es{URL}?t={spanish_baclofen.pk}"
    assert f"La dirección de esta lista: {address}" in visible_text(response)
    assert "<title>Código QR de la dirección de esta lista</title>" in html
    assert "Imprimir esta lista" in html
    back = f'href="/es{TABLE}?t={spanish_baclofen.pk}">Volver a la tabla'
    assert back in html
    table = client.get(f"/es{TABLE}", {"t": [spanish_baclofen.pk]}).content.decode()
    assert f'name="t" value="{spanish_baclofen.pk}" checked>' in table
