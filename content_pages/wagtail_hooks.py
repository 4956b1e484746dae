from wagtail import hooks


@hooks.register("searchable_page_types")
def content_pages_in_search():
    from content_pages.models import ContentPage

    return [ContentPage]
