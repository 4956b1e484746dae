"""The benchmark's peer: the plainest Wagtail page, as bakerydemo's standard page.

Installed only by `sps_foundation.settings.bench`, so that `make bench` can say how many times
a plain page's render each guide page costs. Production and the public site have no such page
type.
"""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class StandardPage(Page):
    """A title and rich text in the site's base template: no query of its own."""

    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["treatments.HomePage"]
    subpage_types = []
    template = "benchpeer/standard_page.html"
