"""The three pages every home page has from the start, live with the text of `site_text`
(published as the seed is: `medical_review.gate.seed_publication`)."""

from django.utils import translation
from wagtail.models import Locale

from medical_review.gate import seed_publication
from policy_pages import site_text
from policy_pages.models import ContactFormField, ContactPage, HowThisGuideIsMadePage, PrivacyPage

PAGES = (
    (ContactPage, site_text.contact_page),
    (HowThisGuideIsMadePage, site_text.how_made_page),
    (PrivacyPage, site_text.privacy_page),
)


def ensure_site_pages(home):
    """Creates each of the three pages missing under `home`, live; returns those created."""
    created = []
    with translation.override(home.locale.language_code), seed_publication():
        for model, text in PAGES:
            if model.objects.child_of(home).exists():
                continue
            page = _new_page(home, model, text())
            if isinstance(page, ContactPage):
                page.form_fields = [
                    ContactFormField(
                        clean_name=name, label=label, field_type=kind, required=required
                    )
                    for name, label, kind, required in site_text.contact_fields()
                ]
            if page.pk is None:
                home.add_child(instance=page)
            page.save_revision().publish(skip_permission_checks=True)
            created.append(model.objects.get(pk=page.pk))
    return created


def _new_page(home, model, fields):
    """A page of `model` under `home` with `fields`: a translation of the default language's
    page when there is one (so the language switch links them), else a new page."""
    default = Locale.get_default()
    source = None
    if home.locale_id != default.pk:
        source = model.objects.filter(locale=default).first()
    if source is not None and home.translation_key == source.get_parent().translation_key:
        page = source.copy_for_translation(home.locale)
    else:
        page = model(locale=home.locale)
    for name, value in fields.items():
        setattr(page, name, value)
    return page
