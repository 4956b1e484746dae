"""The foundation's news: written by an editor, approved by a second person in the editorial
review, listed ten to a page and by tag, followed in an Atom feed, and on the home page."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from medical_review.permissions import MODERATORS
from news.models import NewsArticlePage, NewsIndexPage
from tests.news_events_support import article_form, english_home, new_article, news_index_of
from tests.review_support import make_user, publish_unreviewed, workflow_action
from tests.test_audit_reviews import audit
from tests.test_http_cache import purged_paths  # noqa: F401 - a fixture

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def home(guide):
    return english_home()


@pytest.fixture
def index(home):
    return news_index_of(home)


@pytest.fixture
def people(users):
    return {**users, "moderator2": make_user("moderator2", MODERATORS, name="Max Moderator")}


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def add_article(client, index, action=None, **fields):
    data = article_form(**fields)
    if action:
        data[action] = "1"
    url = reverse("wagtailadmin_pages:add", args=["news", "newsarticlepage", index.pk])
    return client.post(url, data)


def refused(response):
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


# -- Review -------------------------------------------------------------------------------------


def test_news_pages_are_under_the_editorial_review(index):
    article = new_article(index, "A made-up article")
    assert index.get_workflow().name == "Editorial review"
    assert article.get_workflow().name == "Editorial review"


def test_an_editors_article_goes_live_when_a_moderator_approves_it(people, index):
    editor = as_user(people["editor"])
    form = editor.get(
        reverse("wagtailadmin_pages:add", args=["news", "newsarticlepage", index.pk])
    ).content.decode()
    assert 'name="action-publish"' not in form

    response = add_article(editor, index, "action-publish")  # a publish posted anyway
    assert response.status_code in (200, 302)
    article = NewsArticlePage.objects.get(slug="walk-for-sps")
    assert not article.live
    assert Client().get("/news/walk-for-sps/").status_code == 404

    response = editor.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        {**article_form(), "action-submit": "1"},
    )
    assert response.status_code == 302, response.content[:800]
    article.refresh_from_db()
    assert article.workflow_in_progress and not article.live

    assert refused(workflow_action(as_user(people["editor"]), article, "approve"))
    response = workflow_action(as_user(people["moderator"]), article, "approve")

    assert not refused(response)
    article.refresh_from_db()
    assert article.live
    page = Client().get("/news/walk-for-sps/").content.decode()
    assert "Two hundred people walked with us." in page
    assert "Our walk for SPS raised funds" in Client().get("/news/").content.decode()


def test_the_author_of_an_article_cannot_approve_it(people, index):
    moderator = as_user(people["moderator"])
    response = add_article(moderator, index, "action-submit")
    assert response.status_code == 302, response.content[:800]
    article = NewsArticlePage.objects.get(slug="walk-for-sps")
    assert article.workflow_in_progress

    assert refused(workflow_action(moderator, article, "approve"))
    article.refresh_from_db()
    assert not article.live

    assert not refused(workflow_action(as_user(people["moderator2"]), article, "approve"))
    article.refresh_from_db()
    assert article.live


# -- The editor -----------------------------------------------------------------------------


def test_an_article_goes_only_below_the_news_index_and_the_index_once_per_home(people, home):
    editor = as_user(people["editor"])
    under_home = reverse("wagtailadmin_pages:add", args=["news", "newsarticlepage", home.pk])
    assert refused(editor.get(under_home))

    index = news_index_of(home)
    second = reverse("wagtailadmin_pages:add", args=["news", "newsindexpage", home.pk])
    assert refused(editor.get(second))
    choices = editor.get(reverse("wagtailadmin_pages:add_subpage", args=[index.pk]))
    assert choices.status_code in (200, 302)  # one type: Wagtail goes straight to its form
    assert not NewsArticlePage.can_create_at(home)
    assert not NewsIndexPage.can_create_at(home)


def test_an_image_without_its_description_is_refused(people, index):
    image = Image.objects.create(title="Walkers", file=get_test_image_file())
    response = add_article(as_user(people["editor"]), index, image=image.pk)

    assert response.status_code == 200
    assert "Describe what the image shows" in response.content.decode()
    assert not NewsArticlePage.objects.filter(slug="walk-for-sps").exists()


# -- The index, the feed, the home page --------------------------------------------------------


def test_the_index_lists_ten_articles_a_page_newest_first(index):
    for day in range(1, 13):
        new_article(index, f"Article of day {day}", date=datetime.date(2026, 10, day))

    first = Client().get("/news/").content.decode()
    second = Client().get("/news/?page=2").content.decode()

    assert first.count('class="search-result news-teaser"') == 10
    assert first.index("Article of day 12") < first.index("Article of day 3")
    assert "Article of day 2<" not in first and "Article of day 2<" in second
    assert "Article of day 1<" in second
    assert 'rel="next"' in first and 'rel="prev"' in second


@pytest.mark.parametrize("number", ["abc", "-1", "1.5", "9" * 30, ""])
def test_a_page_number_that_is_no_number_is_not_found(index, number):
    new_article(index, "Only article")
    assert Client().get("/news/", {"page": number}).status_code == 404


def test_a_page_beyond_the_last_shows_the_last(index):
    new_article(index, "Only article")
    response = Client().get("/news/", {"page": "99"})
    assert response.status_code == 200
    assert "Only article" in response.content.decode()


def test_the_index_filters_by_tag(index):
    new_article(index, "The walk", tags=["fundraising"])
    new_article(index, "New board members", tags=["people"])

    page = Client().get("/news/", {"tag": "fundraising"}).content.decode()

    assert "The walk" in page and "New board members" not in page
    assert "Showing the news tagged" in page
    article = Client().get("/news/the-walk/").content.decode()
    assert 'href="/news/?tag=fundraising"' in article


def test_the_feed_is_atom_with_the_latest_articles(index):
    new_article(index, "Older news, with a comma", date=datetime.date(2026, 1, 5))
    new_article(index, "Newest news", date=datetime.date(2026, 11, 5), author="Ana Example")

    response = Client().get("/news/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed, not untrusted input
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Newest news",
        "Older news, with a comma",
    ]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == "http://testserver/news/newest-news/"
    assert entries[0].findtext(f"{ATOM}author/{ATOM}name") == "Ana Example"


def test_a_draft_article_is_in_no_list_and_no_feed(index):
    draft = NewsArticlePage(title="Not yet", summary="Draft.", body="<p>Draft.</p>", live=False)
    index.add_child(instance=draft)
    for url in ("/news/", "/news/feed/", "/"):
        assert "Not yet" not in Client().get(url).content.decode(), url


def test_the_home_page_shows_the_latest_three_and_advertises_the_feed(index):
    for day in range(1, 5):
        new_article(index, f"News of day {day}", date=datetime.date(2026, 11, day))

    home = Client().get("/").content.decode()

    assert '<link rel="alternate" type="application/atom+xml"' in home
    assert 'href="/news/feed/"' in home
    assert "News of day 1<" not in home
    assert home.index("News of day 4") < home.index("News of day 3") < home.index("News of day 2")
    index_page = Client().get("/news/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in index_page


def test_the_home_page_without_news_shows_no_news_section(home):
    assert "Latest news" not in Client().get("/").content.decode()


# -- What search engines and caches see ---------------------------------------------------------


def test_an_article_describes_itself_as_a_news_article(index):
    image = Image.objects.create(title="Walkers", file=get_test_image_file())
    new_article(
        index,
        "The walk",
        date=datetime.date(2026, 11, 20),
        author="Ana Example",
        image=image,
        image_alt="People walking in a park",
    )

    html = Client().get("/news/the-walk/").content.decode()

    article = next(data for data in json_ld(html) if data["@type"] == "NewsArticle")
    assert article["headline"] == "The walk"
    assert article["datePublished"] == "2026-11-20"
    assert article["author"] == {"@type": "Person", "name": "Ana Example"}
    assert article["image"].startswith("http://testserver/")
    assert "<picture>" in html and 'alt="People walking in a park"' in html
    assert 'loading="lazy"' in html and ".webp" in html
    assert re.search(r'<img[^>]* width="\d+"', html) and re.search(r'<img[^>]* height="\d+"', html)


def test_news_pages_are_kept_by_a_shared_cache_and_are_in_the_sitemap(index):
    new_article(index, "The walk")
    for url in ("/news/", "/news/the-walk/", "/news/feed/"):
        response = Client().get(url)
        assert "s-maxage" in response["Cache-Control"], url
        assert "public" in response["Cache-Control"], url
    assert "private" in Client().get("/news/?page=1")["Cache-Control"]
    sitemap = Client().get("/sitemap.xml").content.decode()
    assert "/news/the-walk/" in sitemap and "/news/</loc>" in sitemap


def test_publishing_an_article_purges_it_the_index_the_feed_and_the_home_page(
    index,
    purged_paths,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        new_article(index, "The walk")

    assert {"/news/the-walk/", "/news/", "/news/feed/", "/"} <= purged_paths()


def test_articles_are_found_by_search(index):
    new_article(index, "The walk", summary="A sponsored walk around the lake.")
    found = Page.objects.live().search("sponsored")
    assert [page.title for page in found] == ["The walk"]


# -- Site pages ---------------------------------------------------------------------------------


def test_the_site_pages_and_the_demonstration_are_made_once(home):
    config = apps.get_app_config("news")
    for _ in range(2):
        config.ensure_site_pages(home)
        config.ensure_demo_content(home)

    index = NewsIndexPage.objects.get()
    article = NewsArticlePage.objects.get()
    assert index.live and article.live and article.get_parent().pk == index.pk
    page = Client().get(article.url).content.decode()
    assert "demonstration" in article.title.lower() and "It is not real news." in page


def test_the_spanish_home_gets_its_news_index_in_spanish_as_a_translation(home, spanish):
    english = news_index_of(home)
    spanish_home = home.copy_for_translation(spanish)
    publish_unreviewed(spanish_home)

    index = news_index_of(spanish_home)

    assert index.title == "Noticias" and index.locale == spanish
    assert index.translation_key == english.translation_key
    switch = 'href="http://testserver/es/noticias/" hreflang="es"'
    assert switch in Client().get("/news/").content.decode()
    page = Client().get(index.url).content.decode()
    assert index.url == "/es/noticias/"
    assert "Todavía no hay noticias." in page
    assert 'href="/es/noticias/feed/"' in page


def test_the_audit_accepts_the_seeded_pages_and_an_approved_article(people, home):
    config = apps.get_app_config("news")
    config.ensure_site_pages(home)
    config.ensure_demo_content(home)
    index = NewsIndexPage.objects.get()
    assert add_article(as_user(people["editor"]), index, "action-submit").status_code == 302
    article = NewsArticlePage.objects.get(slug="walk-for-sps")
    workflow_action(as_user(people["moderator"]), article, "approve")
    article.refresh_from_db()
    assert article.live

    out, err, error = audit()

    assert error is None, err


def test_an_editor_previews_a_new_article_and_an_edited_one(people, index):
    editor = as_user(people["editor"])
    article_type = ["news", "newsarticlepage", index.pk]
    on_add = reverse("wagtailadmin_pages:preview_on_add", args=article_type)
    assert editor.post(on_add, article_form()).json()["is_valid"]
    page = editor.get(on_add, {"mode": ""})
    assert page.status_code == 200 and "Two hundred people walked with us." in page.content.decode()

    article = new_article(index, "The walk")
    on_edit = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    assert editor.post(on_edit, article_form(summary="A draft summary.")).json()["is_valid"]
    assert "A draft summary." in editor.get(on_edit, {"mode": ""}).content.decode()


def test_an_editor_translates_an_article_into_a_spanish_draft_for_review(
    people, home, index, spanish, django_capture_on_commit_callbacks
):
    article = new_article(index, "The walk")
    spanish_home = home.copy_for_translation(spanish)
    publish_unreviewed(spanish_home)
    news_index_of(spanish_home)
    editor = as_user(people["editor"])
    submit = reverse("simple_translation:submit_page_translation", args=[article.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(submit, {"locales": [spanish.pk]})

    assert response.status_code == 302
    translation = NewsArticlePage.objects.get(locale=spanish)
    assert not translation.live
    assert translation.get_parent().specific.title == "Noticias"
    assert translation.get_workflow().name == "Editorial review"
