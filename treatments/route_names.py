"""Route names as readers see them: a treatment's live routes, each in the reader's language.

Pages link the default locale's routes (a translated page keeps its source's links). A reader
sees only the live ones, each by its live translation in the reader's language where there is
one, else by its live English name, marked with its language. The live translations of a
language are read in one query, once per request, and never for the default language. They
are read through the routes' own model, so the page models' API serializer may use this
module without an import of the models.
"""

from dataclasses import dataclass

from django.conf import settings

from sps_foundation.once import once_per_request


@dataclass(frozen=True)
class RouteName:
    """A route as a reader sees it; `lang` names the language of a name that is not in the
    reader's (the English name where no reviewed translation is live)."""

    slug: str
    name: str
    sort_order: int
    lang: str = ""

    def __str__(self):
        return self.name


def route_names(routes, language, request=None):
    """The live ones of `routes` (default-locale rows, in their order), named in `language`."""
    live = [route for route in routes if route.live]
    if language == settings.LANGUAGE_CODE or not live:
        return [RouteName(route.slug, route.name, route.sort_order) for route in live]
    translated = _live_translations(live[0]._meta.model, language, request)
    return [
        RouteName(route.slug, translated[route.translation_key], route.sort_order)
        if route.translation_key in translated
        else RouteName(route.slug, route.name, route.sort_order, lang=settings.LANGUAGE_CODE)
        for route in live
    ]


def _live_translations(model, language, request):
    """{translation key: live name} of the routes in `language`, read once per request."""
    return once_per_request(
        request,
        "route_translations",
        language,
        lambda: dict(
            model._default_manager.filter(live=True, locale__language_code=language).values_list(
                "translation_key", "name"
            )
        ),
    )
