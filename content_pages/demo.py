"""Demonstration content for development: an "About" page that says plainly what it is."""

from wagtail.rich_text import RichText

from content_pages.models import ContentPage
from medical_review.gate import seed_publication

DEMO_SLUG = "about"
DEMO_TITLE = "About this site (demonstration)"
DEMO_INTRO = (
    "This is a demonstration page for trying out the site. It is not written by the "
    "foundation and says nothing about SPS or its treatment."
)
DEMO_BODY = [
    ("heading", {"text": "What this page is for", "level": "h2"}),
    (
        "text",
        RichText(
            "<p>Editors write pages like this one in the admin: text, headings, images with "
            "alt text, videos, callouts, quotes and documents to download. Each change is "
            "reviewed before readers see it.</p>"
        ),
    ),
    (
        "callout",
        {
            "heading": "Demonstration",
            "text": RichText("<p>Replace or delete this page before the site goes live.</p>"),
        },
    ),
]


def ensure_demo_about_page(home):
    """The demonstration "About" page under `home`, created and published once."""
    existing = ContentPage.objects.child_of(home).filter(slug=DEMO_SLUG).first()
    if existing is not None:
        return existing
    page = ContentPage(title=DEMO_TITLE, slug=DEMO_SLUG, intro=DEMO_INTRO, body=DEMO_BODY)
    with seed_publication():
        home.add_child(instance=page)
        page.save_revision().publish(skip_permission_checks=True)
    return page
