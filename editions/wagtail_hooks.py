from django.core.exceptions import PermissionDenied
from django.utils.translation import get_language
from wagtail import hooks

from editions.languages import language_of
from editions.views import untranslated
from editions.visibility import is_answered_with_the_note


@hooks.register("before_serve_page")
def note_instead_of_another_language(page, request, serve_args, serve_kwargs):
    """A Spanish address whose page exists only in English shows a note linking to it.

    Wagtail routes `/es/…` through the English tree when there is no live Spanish home page;
    the English text is never shown under the Spanish interface. A page that
    `answers_in_every_language` (the home page) serves every language's home itself.
    """
    if getattr(page, "answers_in_every_language", False):
        return None
    if language_of(page) != get_language():
        return untranslated(request, page)
    if is_answered_with_the_note(page):
        return untranslated(request, page.alias_of)
    return None


@hooks.register("before_convert_alias_page")
def no_live_alias_becomes_a_page_of_its_own(request, page):
    """Converting a live alias keeps it live with the source's text as its own (English text
    at a Spanish address): refused where only an approved review publishes the page."""
    if page.live and not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied("Only an approved medical review publishes this page.")
