"""The news index every site has, and a demonstration article for development."""

from django.utils.translation import gettext, gettext_noop, override

from editions.languages import language_of
from sps_foundation.site_pages import ensure_index, publish_new_child

DEMO_SLUG = "demonstration-article"


def ensure_news_index(home):
    """The live news index below `home`, in its language; created when there is none."""
    from news.models import NewsIndexPage

    return ensure_index(
        home,
        NewsIndexPage,
        gettext_noop("News"),
        gettext_noop("News from the foundation: its work, its people and its events."),
    )


def ensure_demo_article(home):
    """One live article below the news index of `home` that says it is a demonstration."""
    from news.models import NewsArticlePage

    index = ensure_news_index(home)
    article = NewsArticlePage.objects.child_of(index).filter(slug=DEMO_SLUG).first()
    if article is not None:
        return article
    with override(language_of(home)):
        article = NewsArticlePage(
            title=gettext("Demonstration article"),
            slug=DEMO_SLUG,
            live=False,
            author=gettext("The website team"),
            summary=gettext(
                "This article is a demonstration: it shows how the foundation’s news looks "
                "on this site. It is not real news."
            ),
            body="<p>{}</p>".format(
                gettext(
                    "A demonstration of a news article, made for trying out the site. "
                    "Real articles replace it before the site opens to readers."
                )
            ),
        )
    article.tags.add("demonstration")
    return publish_new_child(index, article)
