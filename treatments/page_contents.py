"""What each public page of the guide reads besides its own fields, gathered by its
`get_context` in a fixed number of queries whatever the guide's size; the templates and their
tags only format it.

- home: the live guide of its language (one query, which also reads the English guide that a
  Spanish home offers for the rest), the guide's key statements and tree, the latest news
  (news.home: one query, two with articles);
- guide: its cautions, the tree of every category and treatment, the guide's credits;
- category: its cautions and the tree below it;
- treatment: the cautions that apply to it, the other treatments of its category (one
  query), the guide's credits (one query, a second for the translations of the people).

Every link a guide page gives to another page of the guide (breadcrumbs, the header, the
cautions' sources) is resolved for the reader's language by one `ReaderLinks` per page
(editions.reader_links): one query on a translated page, none on an English one.

The tree (treatments.listing) costs four queries and is built once per request: the head
describes a category with it and the body lists it.
"""

from django.conf import settings
from django.db.models import Q

from editions.languages import language_of
from editions.reader_links import link_as_it_is
from editions.visibility import visible_to_visitors
from news.home import latest_news
from sps_foundation.once import once_per_request
from treatments import sections
from treatments.key_statements import key_statements
from treatments.listing import build_category_tree
from treatments.models import Person, TreatmentGuidePage
from treatments.models.pages import in_the_default_language, live_text_reviewed


def live_guides(language, request=None):
    """The live guide index of `language` and the English one, by language code, once per
    request (the header asks on every page): one query.

    A translated guide counts once its live text was medically reviewed; where there is none,
    there is no guide in that language.
    """
    languages = sorted({language, settings.LANGUAGE_CODE})
    return once_per_request(
        request,
        "live_guides",
        tuple(languages),
        lambda: {
            guide.locale.language_code: guide
            for guide in TreatmentGuidePage.objects.filter(
                visible_to_visitors(),
                Q(locale__language_code__in=languages),
                in_the_default_language() | live_text_reviewed(),
            )
            .select_related("locale")
            .order_by("-path")
        },
    )


def live_guide(language, request=None):
    """The live guide index of `language` (see `live_guides`), or None."""
    return live_guides(language, request).get(language)


def guide_for_reader(language, request=None):
    """The `ReaderLink` to the guide for a reader of `language`: the guide of that language
    where it is live and reviewed, else the English guide, marked as English; or None."""
    guides = live_guides(language, request)
    guide = guides.get(language) or guides.get(settings.LANGUAGE_CODE)
    return link_as_it_is(guide, language, request) if guide is not None else None


def category_tree(page, request=None):
    """The live, public categories and treatments below `page`, built once per request."""
    return once_per_request(
        request, "category_tree", (page.pk, False), lambda: build_category_tree(page, request)
    )


def credits_in_language(guide, language):
    """The guide's credits as (credit, person) pairs, in the editor's order, each person as
    its live translation in `language` where there is one, else as its live English record;
    a person never published (or taken down) is left out, and a draft's text is never shown
    (a live person's row holds the published text). One query, two in another language.
    """
    credits = sections.guide_credits(guide)
    if language == settings.LANGUAGE_CODE or not credits:
        return [(credit, credit.person) for credit in credits if credit.person.live]
    live = Person.objects.filter(
        live=True,
        translation_key__in={credit.person.translation_key for credit in credits},
        locale__language_code__in=[language, settings.LANGUAGE_CODE],
    ).select_related("locale")
    by_language = {(p.translation_key, p.locale.language_code): p for p in live}
    pairs = []
    for credit in credits:
        key = credit.person.translation_key
        person = by_language.get((key, language)) or by_language.get((key, settings.LANGUAGE_CODE))
        if person is not None:
            pairs.append((credit, person))
    return pairs


def home_contents(home, request, language=None):
    """What a home page shows for a reader of `language` (the home page's own by default):
    the guide of that language with its key statements and tree, and, in another language
    than English, the English guide offered for the rest."""
    language = language or language_of(home)
    guide = live_guide(language, request)
    english = None
    if language != settings.LANGUAGE_CODE:
        english_guide = live_guide(settings.LANGUAGE_CODE, request)
        english = english_guide and link_as_it_is(english_guide, language, request)
    news = latest_news(home)
    if guide is None:
        return {"guide": None, "statements": [], "tree": None, "english_guide": english, **news}
    return {
        "guide": guide,
        "statements": key_statements(guide),
        "tree": category_tree(guide, request),
        "english_guide": english,
        **news,
    }


def guide_contents(guide, request, ancestors, links=None):
    return {
        "cautions": sections.cautions_for(guide, ancestors, request, links),
        "tree": category_tree(guide, request),
        "credits": credits_in_language(guide, language_of(guide)),
    }


def category_contents(category, request, ancestors, links=None):
    return {
        "cautions": sections.cautions_for(category, ancestors, request, links),
        "tree": category_tree(category, request),
    }


def treatment_contents(treatment, request, ancestors, links=None):
    guide = sections.guide_of(treatment, ancestors)
    return {
        "cautions": sections.cautions_for(treatment, ancestors, request, links),
        "siblings": sections.sibling_treatments(treatment, request),
        "credits": credits_in_language(guide, language_of(treatment)),
    }
