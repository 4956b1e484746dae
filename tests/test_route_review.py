"""Routes ("Oral", "infused into the spine with an implantable pump which requires surgery") are
medical wording: a change goes live only through the medical review, and a Spanish reader sees
a route's reviewed Spanish name, else its English one marked as English. The Spanish text here
is made up by the tests (names marked "(ES)")."""

import json
import re

import pytest
from django.contrib.admin.utils import quote
from django.urls import reverse
from wagtail.models import Locale, Revision

from medical_review.models import MedicalReview, MedicalReviewTask
from tests.page_text import visible_text
from tests.review_support import (
    ATTESTED,
    edit_snippet,
    messages_of,
    role_accounts,
    snippet_action,
    snippet_url,
    submit_snippet,
)
from tests.test_spanish_site import BACLOFEN, baclofen, spanish, translate_with_ancestors
from tests.test_translating_in_admin import refused
from tests.varnish_support import cached, needs_varnish, purged_by_wagtail, read, varnish_on
from treatments.models import AdministrationRoute

pytestmark = pytest.mark.django_db

TABLE = "/treatments/at-a-glance/"
PUMP = "infused into the spine with an implantable pump which requires surgery"
NEW_NAME = "Taken by mouth (test wording)"
SPANISH_NAME = "Oral (ES)"


ROUTE_FIELDS = ("name", "slug", "sort_order")


def url(name, *args):
    return snippet_url(AdministrationRoute, name, *args)


def oral():
    return AdministrationRoute.objects.get(slug="oral", locale=Locale.get_default())


def edit_route(client, route, action=None, **changes):
    return edit_snippet(client, route, ROUTE_FIELDS, action, **changes)


def submit_name(client, user, route, name=NEW_NAME):
    return submit_snippet(client, user, route, ROUTE_FIELDS, name=name)


route_action = snippet_action


def live_name(route):
    return AdministrationRoute.objects.get(pk=route.pk).name


def how_baclofen_is_given(response):
    """The text of the "How it is given" fact of a treatment page."""
    text = visible_text(response)
    return text.split("How it is given", 1)[1].split(" May be given", 1)[0].strip()


def table_row(response, title):
    """The text of the table's row of the treatment titled `title`."""
    rows = re.findall(r"<tr>.*?</tr>", response.content.decode(), re.S)
    row = next(row for row in rows if f">{title}</a>" in row)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()


def route_filter(response):
    content = response.content.decode()
    return re.search(r'<select id="filter-route".*?</select>', content, re.S).group(0)


def json_ld_routes(response):
    for block in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    ):
        data = json.loads(block)
        if "about" in data:
            return data["about"].get("administrationRoute")
    return None


# -- the review ----------------------------------------------------------------------------------


def test_routes_are_under_the_medical_review_workflow_and_the_seeds_are_live(guide):
    workflow = AdministrationRoute.get_default_workflow()
    assert workflow.name == "Medical review"
    assert isinstance(workflow.tasks.get().specific, MedicalReviewTask)
    routes = AdministrationRoute.objects.all()
    assert routes.count() == 4
    assert all(route.live and route.live_revision_id for route in routes)
    assert {route.locale.language_code for route in routes} == {"en"}


def test_an_editors_new_route_name_is_not_public_until_an_advisor_approves_it(client, users, guide):
    route = submit_name(client, users["editor"], oral())

    for path in (BACLOFEN, TABLE):
        assert NEW_NAME not in client.get(path).content.decode(), path
    assert live_name(route) == "Oral"

    client.force_login(users["advisor"])
    response = route_action(client, route, "approve", ATTESTED)

    assert response.status_code == 302
    assert any(f"“{NEW_NAME}” was approved and published." in m for m in messages_of(response))
    route = AdministrationRoute.objects.get(pk=route.pk)
    assert route.name == NEW_NAME and not route.workflow_in_progress
    review = MedicalReview.objects.get(revision=route.live_revision)
    assert review.reviewer == users["advisor"] and review.page is None
    client.logout()
    page = client.get(BACLOFEN)
    assert how_baclofen_is_given(page).startswith(f"{NEW_NAME}, {PUMP}")
    assert json_ld_routes(page) == [NEW_NAME, PUMP]
    table = client.get(TABLE)
    assert f"How it is given: {NEW_NAME}, {PUMP}" in table_row(table, "Baclofen")
    assert f">{NEW_NAME}</option>" in route_filter(table)
    assert ">Oral<" not in table.content.decode()


@pytest.mark.parametrize("role", ["editor", "advisor", "moderator", "superuser"])
def test_nobody_publishes_a_route_name_directly_even_by_posting_the_publish_action(
    client, users, guide, role
):
    client.force_login(users[role])
    html = client.get(url("edit", quote(oral().pk))).content.decode()
    assert 'name="action-submit"' in html and 'name="action-publish"' not in html

    response = edit_route(client, oral(), "action-publish", name=NEW_NAME)

    assert response.status_code == 302
    assert any(
        "goes live only when a medical advisor approves it" in m for m in messages_of(response)
    )
    assert live_name(oral()) == "Oral"
    assert Revision.objects.for_instance(oral()).count() == 1  # not even a draft was saved
    assert NEW_NAME not in client.get(BACLOFEN).content.decode()


def test_the_editor_cannot_approve_a_route_name_through_the_workflow_views(client, users, guide):
    route = submit_name(client, users["editor"], oral())

    response = route_action(client, route, "approve", ATTESTED)

    assert response.status_code in (302, 403)
    assert live_name(route) == "Oral"
    assert not MedicalReview.objects.exists()


def test_the_author_cannot_approve_their_own_route_name(client, users, guide):
    route = submit_name(client, users["advisor"], oral())

    response = route_action(client, route, "approve", ATTESTED)

    refusal = (
        "You submitted this administration route for medical review, so another medical "
        "advisor must approve it."
    )
    assert any(refusal in m for m in messages_of(response))
    assert live_name(route) == "Oral"
    client.force_login(users["advisor2"])
    assert route_action(client, route, "approve", ATTESTED).status_code == 302
    assert live_name(route) == NEW_NAME


def test_a_route_taken_down_leaves_the_treatment_page_and_the_table(client, users, guide):
    client.force_login(users["moderator"])
    assert client.post(url("unpublish", quote(oral().pk))).status_code == 302
    client.logout()

    assert how_baclofen_is_given(client.get(BACLOFEN)).startswith(PUMP)
    table = client.get(TABLE)
    assert f"How it is given: {PUMP}" in table_row(table, "Baclofen")
    assert 'value="oral"' not in route_filter(table)


def test_a_second_route_with_the_same_name_or_address_is_a_form_error(client, users, guide):
    client.force_login(users["editor"])
    response = client.post(
        url("add"), {"name": "Oral", "slug": "oral", "sort_order": 9, "action-submit": "1"}
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Another route has this name already." in content
    assert "Another route has this address already." in content


def test_an_approved_route_name_shows_on_the_pages_that_name_it(client, users, guide):
    route = submit_name(client, users["editor"], oral())
    client.logout()
    assert NEW_NAME not in client.get(BACLOFEN).content.decode()  # a submission changes nothing
    client.force_login(users["advisor"])
    route_action(client, route, "approve", ATTESTED)
    client.logout()

    for path in (BACLOFEN, TABLE):
        assert NEW_NAME in client.get(path).content.decode(), path


# -- Spanish -------------------------------------------------------------------------------------


def translate_route(client, user, route, django_capture_on_commit_callbacks):
    """The "Translate" of a route in the snippet admin: a Spanish draft to edit."""
    client.force_login(user)
    submit = reverse(
        "simple_translation:submit_snippet_translation",
        args=["treatments", "administrationroute", route.pk],
    )
    assert submit in client.get(url("list")).content.decode()  # its "Translate" button
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(submit, {"locales": [spanish().pk]}).status_code == 302
    translation = route.get_translation(spanish())
    assert not translation.live
    return translation


@pytest.fixture
def spanish_baclofen(guide):
    return translate_with_ancestors(baclofen())


@pytest.fixture
def spanish_oral(client, users, guide, django_capture_on_commit_callbacks):
    """Oral translated by the editor and submitted, not yet reviewed."""
    translation = translate_route(
        client, users["editor"], oral(), django_capture_on_commit_callbacks
    )
    return submit_name(client, users["editor"], translation, SPANISH_NAME)


def test_a_translated_page_keeps_the_english_routes(spanish_baclofen):
    assert list(spanish_baclofen.routes.all()) == list(baclofen().routes.all())


def test_a_spanish_page_names_untranslated_routes_in_english_marked_as_english(
    client, spanish_baclofen
):
    page = client.get(spanish_baclofen.url)

    content = page.content.decode()
    assert f'<span lang="en">Oral</span>, <span lang="en">{PUMP}</span>' in content
    assert json_ld_routes(page) == ["Oral", PUMP]


def test_an_unreviewed_spanish_route_name_is_not_shown(client, spanish_baclofen, spanish_oral):
    for path in (spanish_baclofen.url, "/es" + TABLE):
        content = client.get(path).content.decode()
        assert SPANISH_NAME not in content, path
        assert '<span lang="en">Oral</span>' in content, path
    assert json_ld_routes(client.get(spanish_baclofen.url)) == ["Oral", PUMP]


def test_the_spanish_advisor_approves_a_route_translation_and_spanish_readers_see_it(
    client,
    users,
    spanish_baclofen,
    spanish_oral,
    spanish_advisor,  # noqa: F811
):
    client.force_login(users["advisor"])  # reviews English only
    assert refused(route_action(client, spanish_oral, "approve", ATTESTED))
    assert not AdministrationRoute.objects.get(pk=spanish_oral.pk).live
    client.force_login(spanish_advisor)
    assert route_action(client, spanish_oral, "approve", ATTESTED).status_code == 302
    assert AdministrationRoute.objects.get(pk=spanish_oral.pk).live
    client.logout()

    page = client.get(spanish_baclofen.url)
    content = page.content.decode()
    assert f'{SPANISH_NAME}, <span lang="en">{PUMP}</span>' in content
    assert json_ld_routes(page) == [SPANISH_NAME, PUMP]
    table = client.get("/es" + TABLE)
    assert f"{SPANISH_NAME}, {PUMP}" in table_row(table, "(ES) Baclofen")
    assert f'<option value="oral">{SPANISH_NAME}</option>' in route_filter(table)
    assert f'<option value="implantable-pump" lang="en">{PUMP}</option>' in route_filter(table)
    api = client.get(
        "/api/v2/pages/", {"type": "treatments.TreatmentPage", "fields": "routes", "locale": "es"}
    ).json()
    assert [item["routes"] for item in api["items"]] == [[SPANISH_NAME, PUMP]]
    # The English edition keeps its English names.
    assert SPANISH_NAME not in client.get(BACLOFEN).content.decode()
    assert SPANISH_NAME not in client.get(TABLE).content.decode()
    english_api = client.get(
        "/api/v2/pages/", {"type": "treatments.TreatmentPage", "fields": "routes"}
    ).json()
    assert SPANISH_NAME not in json.dumps(english_api)


# -- Varnish -------------------------------------------------------------------------------------


varnish = varnish_on(27150)


@needs_varnish
@pytest.mark.django_db(transaction=True)
def test_an_approved_route_name_reaches_readers_through_varnish_at_once(
    varnish, live_site, settings, client
):
    purged_by_wagtail(varnish, settings)
    cached(varnish, BACLOFEN, TABLE)
    users = role_accounts()

    route = submit_name(client, users["editor"], oral())
    client.force_login(users["advisor"])
    assert route_action(client, route, "approve", ATTESTED).status_code == 302

    for path in (BACLOFEN, TABLE):
        fresh = read(varnish, path)
        assert fresh.headers["X-Cache"] == "miss", path
        assert NEW_NAME in fresh.text, path
