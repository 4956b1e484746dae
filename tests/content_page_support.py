"""Content pages for tests: an image, a document and a page with every block, made as an
editor makes them or published as the loader would."""

from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content_pages.models import ContentPage
from medical_review.gate import seed_publication
from tests.review_support import publish_unreviewed
from treatments.models import HomePage

# 240 KB exactly, as the link says it.
DOCUMENT_BYTES = 240 * 1024
VIDEO_URL = "https://www.youtube.com/watch?v=M7lc1UVf-VE"
TRANSCRIPT = "A narrator walks through the rooms of the foundation's office."
ALT_TEXT = "Volunteers packing leaflets at a long table"


def an_image(title="Volunteers"):
    return get_image_model().objects.create(
        title=title, file=get_test_image_file(filename="volunteers.png", size=(960, 540))
    )


def a_document(title="Checklist"):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF" + b"x" * (DOCUMENT_BYTES - 4), name="checklist.pdf")
    )


def every_block(image, document, alt_text=ALT_TEXT):
    """A body with one block of each kind, as the page editor posts it."""
    return [
        ("heading", {"text": "Finding help", "level": "h2"}),
        ("text", rich_text("<p>Some words about the foundation.</p>")),
        (
            "image",
            {
                "image": image.pk,
                "alt_text": alt_text,
                "caption": "Our volunteers",
                "credit": "A. B.",
            },
        ),
        ("video", {"url": VIDEO_URL, "caption": "A tour of the office", "transcript": TRANSCRIPT}),
        ("callout", {"heading": "Good to know", "text": rich_text("<p>We answer e-mails.</p>")}),
        ("document", {"document": document.pk, "label": "Download the checklist"}),
        ("quote", {"text": "They listened.", "attribution": "A member"}),
    ]


def content_page_form(title, body, slug="", intro=""):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": intro,
            "seo_title": "",
            "search_description": "",
            "body": streamfield(body),
            "sources": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


def content_page_data(page, **changes):
    """What the page editor posts for a content page without body blocks or sources."""
    values = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "seo_title": "",
        "search_description": "",
        **changes,
    }
    return nested_form_data(
        {
            **values,
            "body": streamfield([]),
            "sources": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


def add_content_page_url(parent):
    return reverse("wagtailadmin_pages:add", args=["content_pages", "contentpage", parent.pk])


def home_page():
    return HomePage.objects.get(locale__language_code="en")


def live_content_page(image=None, document=None, title="About the foundation", slug="about"):
    """A live content page under the home page with every block (test set-up, no review)."""
    image = image or an_image()
    document = document or a_document()
    body = [
        ("heading", {"text": "Finding help", "level": "h2"}),
        ("text", RichText("<p>Some words about the foundation.</p>")),
        (
            "image",
            {"image": image, "alt_text": ALT_TEXT, "caption": "Our volunteers", "credit": "A. B."},
        ),
        ("video", {"url": VIDEO_URL, "caption": "A tour of the office", "transcript": TRANSCRIPT}),
        ("callout", {"heading": "Good to know", "text": RichText("<p>We answer e-mails.</p>")}),
        ("document", {"document": document, "label": "Download the checklist"}),
        ("quote", {"text": "They listened.", "attribution": "A member"}),
    ]
    page = ContentPage(title=title, slug=slug, intro="Who we are.", body=body)
    with seed_publication():
        home_page().add_child(instance=page)
    publish_unreviewed(page)
    return ContentPage.objects.get(pk=page.pk)
