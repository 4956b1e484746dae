"""The site's structure, built the same way by `make run` and by tests: the pages each app
needs from the start, the foundation's identity, and (in development) demonstration content.

An app takes part through its AppConfig:

- `ensure_site_pages(self, home)`: the pages it needs under each home page (idempotent;
  published with `seed_publication()`);
- `ensure_demo_content(self, home)`: demonstration content, made only when
  `settings.FOUNDATION_DEMO_CONTENT` is true (development);
- `main_menu_pages(self, home)`, `footer_pages(self, home)`: pages the identity, when it is
  first made, links in the header's menu and in the footer (About, how the guide is made,
  contact, privacy).

Every step is idempotent. An identity that exists is left as it is: after its first
publication it changes only through the editorial review.
"""

from django.apps import apps
from django.conf import settings
from wagtail.models import Locale

from foundation import seed
from foundation.models import FoundationIdentity
from medical_review.gate import seed_publication
from treatments.models import HomePage


def home_pages():
    return list(HomePage.objects.order_by("path"))


def app_configs_with(method):
    return [config for config in apps.get_app_configs() if callable(getattr(config, method, None))]


def call_on_apps(method, homes, report):
    for config in app_configs_with(method):
        for home in homes:
            getattr(config, method)(home)
            report.append(f"{config.label}: {method} under “{home.title}”")


def linked_pages(method, home):
    """The live pages the apps name for a menu, in the apps' order, each once."""
    pages = []
    for config in app_configs_with(method):
        for page in getattr(config, method)(home) or ():
            if page.live and page.pk not in {p.pk for p in pages}:
                pages.append(page)
    return pages


def page_links(pages):
    return [("page", {"page": page, "label": ""}) for page in pages]


def ensure_identity(home, report):
    """The English identity, published as the seed if none exists; its Spanish translation
    only from a reviewed Spanish text (`seed.SPANISH`)."""
    default = Locale.get_default()
    english = FoundationIdentity.objects.filter(locale=default).first()
    if english is None:
        english = FoundationIdentity(
            locale=default,
            live=False,
            main_menu=page_links(linked_pages("main_menu_pages", home)) if home else [],
            footer_links=page_links(linked_pages("footer_pages", home)) if home else [],
            **seed.ENGLISH,
        )
        with seed_publication():
            english.save()
            english.save_revision().publish(skip_permission_checks=True)
        report.append(f"Published the foundation's identity “{english.name}” (en).")
    spanish_locale = Locale.objects.filter(language_code="es").first()
    if seed.SPANISH is None or spanish_locale is None:
        return english
    if not FoundationIdentity.objects.filter(
        translation_key=english.translation_key, locale=spanish_locale
    ).exists():
        spanish = english.copy_for_translation(spanish_locale)
        for name, value in seed.SPANISH.items():
            setattr(spanish, name, value)
        with seed_publication():
            spanish.save()
            spanish.save_revision().publish(skip_permission_checks=True)
        report.append(f"Published the foundation's identity “{spanish.name}” (es).")
    return english


def load_foundation_site(demo=None):
    """Builds the site's structure; returns what it did, one line each."""
    demo = settings.FOUNDATION_DEMO_CONTENT if demo is None else demo
    report = []
    homes = home_pages()
    call_on_apps("ensure_site_pages", homes, report)
    # Before the identity, so that its first menus can link the demonstration pages too.
    if demo:
        call_on_apps("ensure_demo_content", homes, report)
    default_home = next((h for h in homes if h.locale_id == Locale.get_default().pk), None)
    ensure_identity(default_home, report)
    return report
