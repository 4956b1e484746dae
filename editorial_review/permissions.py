"""Nobody publishes a page under editorial review directly; its approval publishes it.

Group permissions cannot say that on their own (superusers pass every check, and unpublishing
needs the publish permission), so the home page hands out `EditorialPagePermissionTester`.
"""

from wagtail.models import PagePermissionTester


class EditorialPagePermissionTester(PagePermissionTester):
    """Refuses every direct publish; unpublishing stays with the publish permission."""

    def can_publish(self):
        return False

    def can_publish_subpage(self):
        return False

    # can_unpublish is inherited: it needs the publish permission, so moderators (and
    # superusers) can take the page down at once. These two are tied to can_publish in
    # Wagtail; they are not publishing, so they keep the publish-permission rule.
    def can_set_view_restrictions(self):
        return super().can_publish()

    def can_unschedule(self):
        return super().can_publish()
