from wagtail import hooks


@hooks.register("searchable_page_types")
def events_in_search():
    from events.models import EventIndexPage, EventPage

    return [EventIndexPage, EventPage]
