"""The foundation's identity (name, logo, contact, menus) is on every page: an editor proposes a
change, a moderator who wrote none of it approves it, and only then do readers see it."""

import pytest
from django.apps import apps
from django.contrib.admin.utils import quote
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction, Revision

from foundation.models import FoundationIdentity
from medical_review.invariant import violations_of
from medical_review.permissions import MODERATORS
from tests.foundation_support import (
    FIELDS,
    empty_streams,
    footer_identity,
    footer_links,
    header_text,
    load_site,
    organization_of,
    set_identity,
    soup_of,
    stream_form,
)
from tests.review_support import (
    edit_snippet,
    make_user,
    messages_of,
    snippet_action,
    snippet_url,
)
from treatments.models import TherapyCategoryPage

pytestmark = pytest.mark.django_db

NEW_NAME = "Stiff Person Syndrome Friends (test name)"


@pytest.fixture
def identity(guide):
    return load_site()


def propose(client, user, identity, action="action-submit", **changes):
    client.cookies.clear()
    client.force_login(user)
    return edit_snippet(client, identity, FIELDS, action, **(empty_streams() | changes))


def live(identity):
    return FoundationIdentity.objects.get(pk=identity.pk)


def test_the_command_publishes_the_identity_once_and_readers_see_it(client, identity):
    load_site()
    assert FoundationIdentity.objects.count() == 1
    assert Revision.objects.for_instance(identity).count() == 1
    assert identity.live and not violations_of(identity)

    response = client.get("/")
    assert "SPS Foundation" in header_text(response)
    assert "contact@example.org" in footer_identity(response)


def test_the_command_makes_demo_content_only_when_the_setting_says_so(
    identity, settings, monkeypatch
):
    made = []
    config = apps.get_app_config("foundation")
    monkeypatch.setattr(config, "ensure_demo_content", made.append, raising=False)

    settings.FOUNDATION_DEMO_CONTENT = False
    call_command("load_foundation_site", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert made == []

    settings.FOUNDATION_DEMO_CONTENT = True
    call_command("load_foundation_site", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [home.slug for home in made] == ["home"]
    assert FoundationIdentity.objects.count() == 1


def test_the_identity_is_under_the_editorial_review(identity):
    workflow = FoundationIdentity.get_default_workflow()
    assert workflow.name == "Editorial review"


def test_an_editors_change_is_kept_as_a_draft_until_a_moderator_approves_it(
    client, users, identity
):
    response = propose(client, users["editor"], identity, name=NEW_NAME)
    assert response.status_code == 302
    assert live(identity).name == "SPS Foundation"
    client.logout()
    assert NEW_NAME not in header_text(client.get("/"))

    client.force_login(users["moderator"])
    response = snippet_action(client, identity, "approve")

    assert response.status_code == 302, response.content[:500]
    identity = live(identity)
    assert identity.name == NEW_NAME and not identity.workflow_in_progress
    assert not violations_of(identity)
    client.logout()
    response = client.get("/")
    assert NEW_NAME in header_text(response)
    assert NEW_NAME in footer_identity(response)


def test_the_moderator_who_wrote_a_change_cannot_approve_it(client, users, identity):
    propose(client, users["moderator"], identity, name=NEW_NAME)

    response = snippet_action(client, identity, "approve")

    assert any("another moderator must" in m for m in messages_of(response))
    assert live(identity).name == "SPS Foundation"
    second = make_user("moderator2", MODERATORS)
    client.force_login(second)
    assert snippet_action(client, identity, "approve").status_code == 302
    assert live(identity).name == NEW_NAME


@pytest.mark.parametrize("role", ["editor", "moderator", "superuser"])
def test_nobody_publishes_the_identity_directly(client, users, identity, role):
    client.force_login(users[role])
    page = client.get(snippet_url(FoundationIdentity, "edit", quote(identity.pk))).content
    assert b'name="action-submit"' in page and b'name="action-publish"' not in page

    response = propose(client, users[role], identity, "action-publish", name=NEW_NAME)

    assert any("goes live only when a moderator" in m for m in messages_of(response))
    assert live(identity).name == "SPS Foundation"


def test_an_editor_cannot_approve_a_change(client, users, identity):
    propose(client, users["moderator"], identity, name=NEW_NAME)
    client.force_login(users["editor"])

    response = snippet_action(client, identity, "approve")

    assert response.status_code in (302, 403)
    assert live(identity).name == "SPS Foundation"


# -- who may do what, through the admin --------------------------------------------------------

MATRIX = {
    # role: (sees the editor, may submit, may take it down)
    "editor": (True, True, False),
    "advisor": (False, False, False),
    "moderator": (True, True, True),
    "superuser": (True, True, True),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_the_permission_matrix_of_the_identity(client, users, identity, role):
    edits, submits, unpublishes = MATRIX[role]
    client.force_login(users[role])

    editor = client.get(snippet_url(FoundationIdentity, "edit", quote(identity.pk)))
    assert (editor.status_code == 200) is edits

    propose(client, users[role], identity, name=NEW_NAME)
    assert live(identity).workflow_in_progress is submits
    assert live(identity).name == "SPS Foundation"

    client.force_login(users[role])
    client.post(snippet_url(FoundationIdentity, "unpublish", quote(identity.pk)))
    assert (not live(identity).live) is unpublishes


# -- what readers see ---------------------------------------------------------------------------


def test_the_footer_links_only_live_pages_a_visitor_may_see(client, guide, identity):
    categories = list(TherapyCategoryPage.objects.live().order_by("path")[:3])
    shown, unpublished, private = categories
    unpublished.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    links = [("page", {"page": page, "label": ""}) for page in categories]
    links.append(("external", {"url": "https://example.org/donate", "label": "Donate"}))
    links.insert(0, ("page", {"page": guide, "label": "How this guide is made"}))
    set_identity(identity, footer_links=links)

    found = footer_links(client.get("/"))

    assert found[:3] == [
        ("How this guide is made", guide.url, "en"),
        (shown.title, shown.url, "en"),
        ("Donate", "https://example.org/donate", "en"),
    ]
    hrefs = [href for _, href, _ in found]
    assert unpublished.url not in hrefs and private.url not in hrefs


def test_the_first_main_menu_links_news_and_events(client, identity):
    nav = soup_of(client.get("/")).find("header").find("nav", class_="site-nav")
    links = [(a.get_text(strip=True), a["href"]) for a in nav.find_all("a")]

    assert [("News", "/news/"), ("Events", "/events/")] == [
        link for link in links if link[0] in ("News", "Events")
    ]
    menu = live(identity).main_menu
    assert [block.value["page"].specific_class.__name__ for block in menu] == [
        "NewsIndexPage",
        "EventIndexPage",
    ]


def test_the_main_menu_is_in_the_header(client, guide, identity):
    set_identity(
        identity,
        main_menu=[("external", {"url": "https://example.org/news", "label": "Foundation news"})],
    )
    assert "Foundation news" in header_text(client.get("/"))


def test_the_home_page_describes_the_foundation_as_an_organization(client, identity):
    set_identity(
        identity,
        name="SPS Friends",
        contact_email="hello@example.org",
        social_links=[("link", {"label": "Mastodon", "url": "https://social.example/@sps"})],
    )

    data = organization_of(client.get("/"))

    assert data == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": "http://testserver/#organization",
        "name": "SPS Friends",
        "url": "http://testserver/",
        "contactPoint": {
            "@type": "ContactPoint",
            "contactType": "customer support",
            "email": "hello@example.org",
        },
        "sameAs": ["https://social.example/@sps"],
    }
    assert organization_of(client.get("/treatments/")) is None


def test_spanish_pages_show_the_english_identity_marked_as_english(client, identity):
    set_identity(identity, charity_number="123456")

    response = client.get("/es/")

    section = soup_of(response).find(class_="foundation")
    assert section.find("h2")["lang"] == "en"
    assert section.find("h2").get_text() == "SPS Foundation"
    assert "Organización benéfica registrada con el número 123456" in section.get_text()
    assert "Contacto:" in section.get_text()
    brand = soup_of(response).find(class_="site-header__foundation")
    assert brand["lang"] == "en"


def test_a_page_costs_the_same_queries_whatever_its_menus_link(
    client, guide, identity, django_assert_max_num_queries
):
    pages = list(TherapyCategoryPage.objects.live().order_by("path")[:4])
    counts = []
    for linked in (pages[:1], pages):
        links = [("page", {"page": page, "label": ""}) for page in linked]
        set_identity(identity, main_menu=links, footer_links=links)
        client.get("/treatments/?uncached=1")
        with django_assert_max_num_queries(100) as captured:
            response = client.get("/treatments/?uncached=1")
        assert len(footer_links(response)) == len(linked)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_a_logo_needs_its_text_alternative(client, users, identity):
    logo = Image.objects.create(title="Logo", file=get_test_image_file())
    response = propose(client, users["editor"], identity, "action-submit", logo=str(logo.pk))
    assert response.status_code == 200
    assert "Say what the logo shows." in response.content.decode()


def test_a_change_to_the_menus_is_posted_through_the_editor(client, users, guide, identity):
    data = {
        **empty_streams(),
        **stream_form("footer_links", [("page", {"page": str(guide.pk), "label": ""})]),
    }
    propose(client, users["editor"], identity, **data)
    client.force_login(users["moderator"])
    assert snippet_action(client, identity, "approve").status_code == 302
    client.logout()
    assert (guide.title, guide.url, "en") in footer_links(client.get("/"))
