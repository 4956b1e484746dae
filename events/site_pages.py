"""The events index every site has, and a demonstration event for development."""

import datetime

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, override

from editions.languages import language_of
from medical_review.gate import seed_publication

DEMO_SLUG = "demonstration-event"


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


def ensure_event_index(home):
    """The live events index below `home`, in its language; created when there is none."""
    from events.models import EventIndexPage

    index = EventIndexPage.objects.child_of(home).first()
    if index is not None:
        return index
    with override(language_of(home)):
        title = gettext("Events")
        intro = gettext("Meetings, talks and gatherings the foundation organises.")
    page = EventIndexPage(title=title, slug=slugify(title), intro=f"<p>{intro}</p>", live=False)
    # The indexes of the home page's editions are translations of one another: articles are
    # translated below them, and the language switch links them.
    key = translation_key_below(home, EventIndexPage)
    if key is not None:
        page.translation_key = key
    return publish_new_child(home, page)


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
