"""The links the foundation's identity holds: menu and footer entries, social profiles."""

from django.core.exceptions import ValidationError
from wagtail import blocks


class PageLinkBlock(blocks.StructBlock):
    """A page of the site; shown with its own title unless a label is given, and only while
    it is live and visible to every visitor."""

    page = blocks.PageChooserBlock()
    label = blocks.CharBlock(
        required=False, max_length=80, help_text="Leave empty to show the page's title."
    )

    class Meta:
        icon = "doc-empty"
        label = "Page"


class ExternalLinkBlock(blocks.StructBlock):
    """An address outside the site, with the words that name it."""

    url = blocks.URLBlock(label="URL")
    label = blocks.CharBlock(max_length=80)

    class Meta:
        icon = "link-external"
        label = "External link"


class NavigationLinksBlock(blocks.StreamBlock):
    """The entries of a menu, in the order shown."""

    page = PageLinkBlock()
    external = ExternalLinkBlock()

    class Meta:
        max_num = 12


class SocialLinkBlock(blocks.StructBlock):
    """A profile of the foundation elsewhere (its `sameAs` in structured data)."""

    label = blocks.CharBlock(max_length=80, help_text="E.g. “Facebook”.")
    url = blocks.URLBlock(label="URL")

    class Meta:
        icon = "site"
        label = "Social link"

    def clean(self, value):
        value = super().clean(value)
        if value.get("url") and not value["url"].startswith("https://"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Use the profile's https:// address.")}
            )
        return value
