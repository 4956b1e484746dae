from django.utils.translation import get_language
from wagtail import hooks

from editions.languages import language_of
from editions.views import untranslated


@hooks.register("before_serve_page")
def note_instead_of_another_language(page, request, serve_args, serve_kwargs):
    """A Spanish address whose page exists only in English shows a note linking to it.

    Wagtail routes `/es/…` through the English tree when there is no live Spanish home page;
    the English text is never shown under the Spanish interface.
    """
    if language_of(page) != get_language():
        return untranslated(request, page)
    return None
