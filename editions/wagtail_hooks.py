from django.urls import path
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.models import Locale, TranslatableMixin

from editions import translation_admin
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
    if page.alias_of_id is not None and page.locale_id != Locale.get_default().pk:
        # An alias in another language's tree (Wagtail makes the pages above a translation
        # aliases) shows its English source's text: the reader gets the note instead.
        return untranslated(request, page.alias_of)
    return None


# Ahead of wagtail-localize's own URLs (hook order), at the same addresses: its links, made
# from its URL names, reach these views.
@hooks.register("register_admin_urls", order=-1)
def translation_views_that_respect_the_review():
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            translation_admin.UpdateTranslationsView.as_view(),
        ),
        path("localize/page/<int:page_id>/convert_to_alias/", translation_admin.convert_to_alias),
    ]


@hooks.register("before_edit_snippet", order=-1)
def no_synced_publish_of_a_snippet(request, instance):
    if isinstance(instance, TranslatableMixin):
        return translation_admin.refuse_synced_publish(request, instance)
    return None
