"""The sitemap of every edition: the live, public pages below the Site's home page and below
each of its translations (Wagtail's own sitemap lists one tree)."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from editions.visibility import answered_with_the_note, visible_to_visitors


class EditionsSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for path in roots.values_list("path", flat=True):
            in_a_tree |= Q(path__startswith=path)
        return (
            Page.objects.filter(in_a_tree, visible_to_visitors())
            .exclude(answered_with_the_note())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
