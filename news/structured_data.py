"""An article's schema.org `NewsArticle`, published by the foundation."""

from editions.languages import language_of
from treatments.structured_data import (
    SCHEMA_CONTEXT,
    absolute_url,
    organization_name,
    site_root_url,
)

# The image's rendition for search engines: large enough for rich results.
IMAGE_FILTER = "width-1200"


def news_article(page, request=None):
    """The `NewsArticle` of `page`: headline, dates, author, image, publisher."""
    root = site_root_url(page, request)
    publisher = {
        "@type": "Organization",
        "@id": f"{root}#organization",
        "name": organization_name(page, request),
        "url": root,
    }
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.summary,
        "url": absolute_url(page, request),
        "inLanguage": language_of(page),
        "datePublished": page.date.isoformat(),
        "author": {"@type": "Person", "name": page.author} if page.author else publisher,
        "publisher": publisher,
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.tag_list:
        data["keywords"] = [tag.name for tag in page.tag_list]
    if page.image is not None:
        data["image"] = image_address(page.image, request)
    return data


def image_address(image, request=None):
    url = image.get_rendition(IMAGE_FILTER).url
    return request.build_absolute_uri(url) if request is not None and url.startswith("/") else url
