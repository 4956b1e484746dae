"""Content pages (About SPS, Living with SPS…): written by editors in the admin with text,
images, videos, documents, callouts and quotes; live only after a medical review."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from content_pages.blocks import video_source
from content_pages.models import ContentPage
from tests.content_page_support import (
    ALT_TEXT,
    TRANSCRIPT,
    a_document,
    add_content_page_url,
    an_image,
    content_page_form,
    every_block,
    home_page,
    live_content_page,
)
from tests.factories import record_review
from tests.review_support import ATTESTED, spanish_pages_above, workflow_action


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads and renditions go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def submit_new_page(client, editor, title="Living with SPS", slug="living-with-sps"):
    client.force_login(editor)
    body = every_block(an_image(), a_document())
    data = content_page_form(title, body, slug=slug, intro="How the foundation helps.")
    data["action-submit"] = "1"
    response = client.post(add_content_page_url(home_page()), data)
    assert response.status_code == 302, response.content[:2000]
    return ContentPage.objects.get(slug=slug)


# Writing and reviewing through the admin


def test_an_editor_writes_a_page_with_every_block_and_submits_it_for_review(client, users):
    page = submit_new_page(client, users["editor"])

    assert not page.live
    assert page.workflow_in_progress
    assert page.current_workflow_state.workflow.name == "Medical review"
    kinds = [block.block_type for block in page.get_latest_revision_as_object().body]
    assert kinds == ["heading", "text", "image", "video", "callout", "document", "quote"]


def test_an_editor_cannot_publish_a_content_page(client, users):
    client.force_login(users["editor"])
    data = content_page_form("Diagnosis", every_block(an_image(), a_document()), slug="diagnosis")
    data["action-publish"] = "1"

    client.post(add_content_page_url(home_page()), data)

    assert not ContentPage.objects.filter(slug="diagnosis", live=True).exists()
    page = submit_new_page(client, users["editor"])
    assert not page.permissions_for_user(users["editor"]).can_publish()


def test_an_advisor_who_wrote_none_of_it_approves_and_it_goes_live(client, users):
    page = submit_new_page(client, users["editor"])
    client.force_login(users["advisor"])

    workflow_action(client, page, "approve", ATTESTED)

    page.refresh_from_db()
    assert page.live
    html = soup_of(Client().get(page.url))
    review_line = html.select_one(".review-line").get_text(" ", strip=True)
    assert review_line.startswith("Medically reviewed by")
    assert html.find("h1").get_text() == "Living with SPS"


def test_a_moderator_cannot_approve_a_medical_review(client, users):
    page = submit_new_page(client, users["editor"])
    assert page.current_workflow_task.get_actions(page, users["moderator"]) == []
    client.force_login(users["moderator"])

    workflow_action(client, page, "approve", ATTESTED)

    page.refresh_from_db()
    assert not page.live
    assert page.workflow_in_progress


def test_an_image_without_alt_text_is_a_form_error_and_the_text_is_kept(client, users):
    client.force_login(users["editor"])
    body = every_block(an_image(), a_document(), alt_text="")
    data = content_page_form("Living with SPS", body, slug="living", intro="Words kept here.")
    data["action-submit"] = "1"  # a draft may be incomplete; a page sent for review may not

    response = client.post(add_content_page_url(home_page()), data)

    assert response.status_code == 200
    assert not ContentPage.objects.filter(slug="living").exists()
    html = response.content.decode()
    assert "The page could not be created due to validation errors" in html
    assert "This field is required." in html
    assert "Words kept here." in html


def test_a_video_address_that_is_not_youtube_or_vimeo_is_a_form_error(client, users):
    client.force_login(users["editor"])
    body = [("video", {"url": "https://example.com/clip.mp4", "caption": "A clip"})]
    response = client.post(
        add_content_page_url(home_page()), content_page_form("Videos", body, slug="videos")
    )

    assert response.status_code == 200
    assert "a video on YouTube or Vimeo" in response.content.decode()
    assert not ContentPage.objects.filter(slug="videos").exists()


def test_content_pages_nest_and_live_only_under_the_home_page_or_each_other(guide):
    assert ContentPage in home_page().specific_class.allowed_subpage_models()
    assert ContentPage.allowed_subpage_models() == [ContentPage]
    assert ContentPage not in type(guide).allowed_subpage_models()


# What a reader sees


def test_a_new_page_says_it_is_not_yet_medically_reviewed(guide):
    page = live_content_page()
    html = soup_of(Client().get(page.url))

    assert html.select_one(".review-line").get_text(strip=True) == "Not yet medically reviewed."


def test_the_review_line_names_the_reviewer_and_the_day(guide):
    page = live_content_page()
    record_review(
        page,
        datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC),
        next_review_due=datetime.date(2029, 3, 2),
        reviewer_name="Dr Ada Advisor",
    )
    html = soup_of(Client().get(page.url))

    line = html.select_one(".review-line").get_text(" ", strip=True)
    assert line == "Medically reviewed by Dr Ada Advisor on 2 March 2026 ."


def test_the_image_is_responsive_webp_lazy_and_sized_with_its_alt_text(guide):
    page = live_content_page()
    figure = soup_of(Client().get(page.url)).select_one("figure.media-image")

    webp = figure.find("source", type="image/webp")
    assert webp is not None and "480w" in webp["srcset"] and "800w" in webp["srcset"]
    img = figure.find("img")
    assert img["alt"] == ALT_TEXT
    assert img["loading"] == "lazy"
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    assert "w," in img["srcset"]  # the fallback offers several widths too
    assert img["sizes"]
    assert "Our volunteers" in figure.figcaption.get_text()
    assert "Credit: A. B." in figure.figcaption.get_text()


def test_the_video_is_a_link_to_the_video_with_its_transcript_and_no_player(guide):
    page = live_content_page()
    html = soup_of(Client().get(page.url))
    video = html.select_one("figure.video-facade")

    assert video.find("iframe") is None
    link = video.select_one("a.video-facade__play")
    assert link["href"] == "https://www.youtube.com/watch?v=M7lc1UVf-VE"
    assert link.get_text(" ", strip=True) == "Play video: A tour of the office"
    frame = video.select_one("[data-video-embed]")
    assert frame["data-video-embed"].startswith("https://www.youtube-nocookie.com/embed/")
    assert video.find("details").summary.get_text() == "Transcript"
    assert TRANSCRIPT in video.find("details").get_text()


def test_the_document_link_says_its_file_type_and_size(guide):
    page = live_content_page()
    link = soup_of(Client().get(page.url)).select_one(".document-link a")

    assert link.get_text(" ", strip=True) == "Download the checklist (PDF, 240 KB)"
    assert link["href"].startswith("/documents/")


def test_callout_quote_and_heading_are_shown(guide):
    page = live_content_page()
    main = soup_of(Client().get(page.url)).find("main")

    assert main.find("h2", string="Finding help")
    assert "We answer e-mails." in main.select_one("aside.callout").get_text()
    assert main.select_one("figure.quote blockquote").get_text(strip=True) == "They listened."
    assert "A member" in main.select_one("figure.quote figcaption").get_text()


def test_the_policy_frames_only_the_players_privacy_friendly_domains(guide):
    page = live_content_page()
    csp = Client().get(page.url)["Content-Security-Policy"]

    frame_src = next(part for part in csp.split(";") if part.strip().startswith("frame-src"))
    assert frame_src.split()[1:] == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert script_src.split()[1:] == ["'self'"]


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://youtu.be/M7lc1UVf-VE", "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE"),
        (
            "https://www.youtube.com/embed/M7lc1UVf-VE",
            "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871"),
    ],
)
def test_youtube_and_vimeo_addresses_play_on_the_privacy_friendly_player(url, embed):
    assert video_source(url).embed_url.startswith(embed + "?")


@pytest.mark.parametrize(
    "url", ["https://example.com/watch?v=M7lc1UVf-VE", "javascript:alert(1)", "https://vimeo.com/x"]
)
def test_other_addresses_are_no_video(url):
    assert video_source(url) is None


# Findability: search, sitemap, API, JSON-LD, purges


def test_a_content_page_is_found_by_search(guide, search_index):
    page = live_content_page()
    search_index()

    html = Client().get("/search/", {"q": "foundation"}).content.decode()

    assert page.url in html


def test_a_content_page_is_in_the_sitemap(guide):
    page = live_content_page()

    assert page.full_url in Client().get("/sitemap.xml").content.decode()


def test_a_content_page_is_in_the_api_with_its_body(guide):
    page = live_content_page()

    response = Client().get(f"/api/v2/pages/{page.pk}/")

    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["type"] == "content_pages.ContentPage"
    assert [block["type"] for block in data["body"]][:2] == ["heading", "text"]


def test_a_content_page_describes_itself_as_a_medical_web_page(guide):
    page = live_content_page()
    html = soup_of(Client().get(page.url))

    data = json.loads(html.find("script", type="application/ld+json").string)
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == "About the foundation"
    assert data["description"] == "Who we are."
    assert data["isPartOf"]["@type"] == "WebSite"
    names = [item["name"] for item in data["breadcrumb"]["itemListElement"]]
    assert names == ["Home", "About the foundation"]


def test_publishing_a_content_page_purges_it_and_the_home_page(
    guide, settings, django_capture_on_commit_callbacks
):
    purged = RecordingBackend.purged = []
    settings.WAGTAILFRONTENDCACHE = {"recorder": {"BACKEND": f"{__name__}.RecordingBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        page = live_content_page()

    assert any(url.endswith(page.url) for url in purged), purged
    home = Page.objects.get(depth=2, locale__language_code="en")
    assert any(url.endswith(home.url) for url in purged), purged


class RecordingBackend:
    """A frontend cache that records what it is asked to purge."""

    purged = []

    def __init__(self, params):
        pass

    def purge(self, url):
        RecordingBackend.purged.append(url)

    def purge_batch(self, urls):
        for url in urls:
            self.purge(url)

    def invalidates_hostname(self, hostname):
        return True


# Demonstration content


def test_the_demo_about_page_says_it_is_a_demonstration_and_is_made_once(guide):
    from django.apps import apps

    config = apps.get_app_config("content_pages")
    first = config.ensure_demo_content(home_page())
    again = config.ensure_demo_content(home_page())

    assert first.pk == again.pk
    assert ContentPage.objects.filter(slug="about").count() == 1
    main = soup_of(Client().get(first.url)).find("main").get_text(" ")
    assert "demonstration" in main
    assert "Not yet medically reviewed." in main


def test_the_admin_offers_an_editor_a_content_page_under_home(client, users):
    client.force_login(users["editor"])
    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[home_page().pk]))

    # Wagtail goes straight to the form when one type is left to add (the guide exists).
    if response.status_code == 302:
        assert response["Location"] == add_content_page_url(home_page())
    else:
        assert add_content_page_url(home_page()) in response.content.decode()


# Both editions


def test_translating_a_content_page_makes_a_spanish_draft_for_review(
    client, users, spanish, django_capture_on_commit_callbacks
):
    page = live_content_page()
    spanish_pages_above(page, spanish)
    client.force_login(users["editor"])

    submit = reverse("simple_translation:submit_page_translation", args=[page.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit, {"locales": [spanish.pk]})

    assert response.status_code == 302
    translation = ContentPage.objects.get(pk=page.get_translation(spanish).pk)
    assert not translation.live
    assert [block.block_type for block in translation.body][:2] == ["heading", "text"]
    assert not translation.permissions_for_user(users["editor"]).can_publish()
