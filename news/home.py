"""What the home page shows of the news: the latest articles and the feed to follow."""

from django.db.models import Q
from wagtail.models import Page

from editions.visibility import visible_to_visitors

HOME_ARTICLES = 3


def latest_news(home):
    """The live news index below `home` and its three latest articles, with their images.

    One query: the index and the articles come as rows of one list, each row with its
    specific page joined in. A home page has at most one news index, and articles live only
    below one, so the articles two levels down are the index's; when the first row is not a
    visible index, the home page shows no news.
    """
    index_or_article = Q(depth=home.depth + 1, newsindexpage__isnull=False) | Q(
        depth=home.depth + 2, newsarticlepage__isnull=False
    )
    rows = list(
        Page.objects.descendant_of(home)
        .filter(index_or_article, visible_to_visitors())
        .select_related("newsindexpage", "newsarticlepage__image")
        .order_by("depth", "-newsarticlepage__date", "-path")[: 1 + HOME_ARTICLES]
    )
    if not rows or rows[0].depth != home.depth + 1:
        return {"news_index": None, "latest_news": []}
    return {
        "news_index": rows[0].newsindexpage,
        "latest_news": [row.newsarticlepage for row in rows[1:]],
    }
