"""Pages the site makes for itself (indexes and demonstrations), published as the seed is:
shared by the apps' `ensure_site_pages` and `ensure_demo_content`."""

from django.utils.text import slugify
from django.utils.translation import gettext, override

from editions.languages import language_of
from medical_review.gate import seed_publication


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


def ensure_index(home, model, title, intro):
    """The live `model` index below `home`, in its language; created when there is none, with
    `title` and `intro` (interface words, translated into the home page's language)."""
    index = model.objects.child_of(home).first()
    if index is not None:
        return index
    with override(language_of(home)):
        title, intro = gettext(title), gettext(intro)
    page = model(title=title, slug=slugify(title), intro=f"<p>{intro}</p>", live=False)
    # The indexes of the home page's editions are translations of one another: pages are
    # translated below them, and the language switch links them.
    key = translation_key_below(home, model)
    if key is not None:
        page.translation_key = key
    return publish_new_child(home, page)
