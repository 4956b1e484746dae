"""The events index every site has, and a demonstration event for development."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, override

from editions.languages import language_of
from sps_foundation.site_pages import ensure_index, publish_new_child

DEMO_SLUG = "demonstration-event"


def ensure_event_index(home):
    """The live events index below `home`, in its language; created when there is none."""
    from events.models import EventIndexPage

    return ensure_index(
        home,
        EventIndexPage,
        gettext_noop("Events"),
        gettext_noop("Meetings, talks and gatherings the foundation organises."),
    )


def ensure_demo_event(home):
    """One live online event, a month from now, that says it is a demonstration."""
    from events.models import EventPage

    index = ensure_event_index(home)
    event = EventPage.objects.child_of(index).filter(slug=DEMO_SLUG).first()
    if event is not None:
        return event
    start = (timezone.now() + datetime.timedelta(days=30)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    with override(language_of(home)):
        event = EventPage(
            title=gettext("Demonstration event"),
            slug=DEMO_SLUG,
            live=False,
            start=start,
            end=start + datetime.timedelta(hours=1),
            online_url="https://example.org/demonstration-event",
            summary=gettext(
                "This event is a demonstration: it shows how the foundation’s events look on "
                "this site. It does not take place."
            ),
            body="<p>{}</p>".format(
                gettext(
                    "A demonstration of an event, made for trying out the site. Real events "
                    "replace it before the site opens to readers."
                )
            ),
        )
    return publish_new_child(index, event)
