"""The Jinja2 environment of the public site's templates (templates/).

The public pages are Jinja2 templates because they are rendered on every request the page
cache does not answer, and Jinja2 compiles a template to Python: the same page renders in a
fraction of the Django template engine's time. Wagtail's own tags come from its Jinja2
extensions (settings.TEMPLATES); the site's helpers from `treatments.templating`. The
Wagtail admin keeps Django templates (the app's `templates/` folders), and so does Wagtail's
rich text wrapper (wagtailcore/shared/richtext.html): Django's Jinja2 backend returns plain
strings, so a Jinja2 copy of it would come out escaped.
"""

from django.template.defaultfilters import date, pluralize
from jinja2 import Environment

from treatments import templating


def environment(**options):
    env = Environment(**options)  # noqa: S701 - Django's Jinja2 backend turns autoescape on
    env.globals.update(templating.GLOBALS)
    env.filters.update(date=date, pluralize=pluralize)
    return env
