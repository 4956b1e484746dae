from wagtail import hooks


@hooks.register("searchable_page_types")
def news_in_search():
    from news.models import NewsArticlePage, NewsIndexPage

    return [NewsIndexPage, NewsArticlePage]
