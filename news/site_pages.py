"""The news index every site has, and a demonstration article for development."""

from django.utils.text import slugify
from django.utils.translation import gettext, override

from editions.languages import language_of
from medical_review.gate import seed_publication

DEMO_SLUG = "demonstration-article"


def publish_new_child(parent, page):
    """Adds `page` below `parent` and publishes it, as the loader publishes the seed."""
    with seed_publication():
        parent.add_child(instance=page)
        page.save_revision().publish(skip_permission_checks=True)
    return page


def translation_key_below(home, model):
    """The translation key of the `model` page below another edition of `home`, or None."""
    for edition in home.get_translations():
        page = model.objects.child_of(edition).first()
        if page is not None:
            return page.translation_key
    return None


def ensure_news_index(home):
    """The live news index below `home`, in its language; created when there is none."""
    from news.models import NewsIndexPage

    index = NewsIndexPage.objects.child_of(home).first()
    if index is not None:
        return index
    with override(language_of(home)):
        title = gettext("News")
        intro = gettext("News from the foundation: its work, its people and its events.")
    page = NewsIndexPage(title=title, slug=slugify(title), intro=f"<p>{intro}</p>", live=False)
    # The indexes of the home page's editions are translations of one another: articles are
    # translated below them, and the language switch links them.
    key = translation_key_below(home, NewsIndexPage)
    if key is not None:
        page.translation_key = key
    return publish_new_child(home, page)


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
