"""Where the site's navigation points a reader for the glossary: the glossary of the reader's
language where it is live and its text was medically reviewed, else the English one."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper

from glossary.models import GlossaryPage
from sps_foundation.once import once_per_request
from treatments.models.pages import live_text_reviewed


@dataclass(frozen=True)
class GlossaryLink:
    url: str
    title: str
    # The glossary's language when it is not the reader's: the link says so.
    other_language: str = ""


def live_glossaries(request=None):
    """Every live glossary page, aliases included, in tree order, each with its locale and
    whether its live text was medically reviewed (`reviewed`): one query per request, read by
    the navigation and by the links from glossary terms."""
    return once_per_request(
        request,
        "live_glossaries",
        None,
        lambda: list(
            GlossaryPage.objects.live()
            .annotate(reviewed=ExpressionWrapper(live_text_reviewed(), output_field=BooleanField()))
            .select_related("locale")
            .order_by("path")
        ),
    )


def glossary_link(request, language, page=None):
    """The glossary for a reader of `language`, or None; one query per request (none on the
    glossary page itself). An alias (English text under a Spanish address) does not count."""
    if isinstance(page, GlossaryPage):  # the page read is in the reader's language
        return GlossaryLink(page.get_url(request), page.title)
    return once_per_request(request, "glossary_link", language, lambda: _find(request, language))


def _find(request, language):
    default = settings.LANGUAGE_CODE
    by_language = {
        page.locale.language_code: page
        for page in live_glossaries(request)
        if page.alias_of_id is None
        and page.locale.language_code in {language, default}
        and (page.locale.language_code == default or page.reviewed)
    }
    page = by_language.get(language) or by_language.get(default)
    if page is None:
        return None
    url = page.get_url(request)
    if not url:
        return None
    found = page.locale.language_code
    return GlossaryLink(url, page.title, "" if found == language else found)
