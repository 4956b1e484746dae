"""Who may do what in reviewed pages: the editorial groups and the permission tester.

A reviewed page goes live only through the "Medical review" workflow. Group permissions cannot
say that on their own (superusers pass every check, and unpublishing needs the publish
permission), so reviewed page types (`ReviewedPageMixin`) hand out `GuidePagePermissionTester`,
which refuses every direct publish while leaving unpublishing to those who hold the publish
permission (moderators, superusers). Who may approve is the review task's groups field
(`MedicalReviewTask`), not a group name here: `MEDICAL_ADVISORS` names the group the setup
makes and assigns to the task.
"""

from django.contrib.auth import get_user_model
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import policy_registry

from sps_foundation.once import once_per_request

EDITORS = "Editors"
MEDICAL_ADVISORS = "Medical advisors"
MODERATORS = "Moderators"

# Page permissions each group holds on the guide page (and so on its whole subtree).
# Moderators keep Wagtail's site-wide grant (on the root) because they also publish
# pages outside the guide; inside the guide their publish permission only lets them
# unpublish, since the tester below refuses the publish itself.
GUIDE_PAGE_PERMISSIONS = {
    EDITORS: ("add", "change"),
    MEDICAL_ADVISORS: ("add", "change"),
}
MODERATOR_ROOT_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
# Model permissions each group holds. Promoted search results are not medical content, so
# editors keep them. Nobody but a superuser manages users or groups (accounts.wagtail_hooks).
GROUP_MODEL_PERMISSIONS = {
    EDITORS: (("wagtailsearchpromotions", "searchpromotion", ("add", "change", "delete", "view")),),
}


# Translators: Wagtail's simple_translation "Can submit translations" (its "Translate"). A
# translation is a draft like any other change, submitted for the medical review. Moderators
# take pages down and cancel reviews; they do not write medical text.
TRANSLATOR_GROUPS = (EDITORS, MEDICAL_ADVISORS)


def in_group(user, name):
    """Whether `user` belongs to the group `name` (their groups read once per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return name in once_per_request(
        user, "group_names", None, lambda: set(user.groups.values_list("name", flat=True))
    )


def is_moderator(user):
    return bool(user and user.is_active and user.is_superuser) or in_group(user, MODERATORS)


class ApprovalPublishesPermissionTester(PagePermissionTester):
    """Nobody publishes the page directly, superusers included: the approval of its review
    publishes it (the medical review in the guide, the editorial review of the home page)."""

    def can_publish(self):
        return False

    def can_publish_subpage(self):
        return False

    def holds_publish_permission(self):
        """Wagtail's own answer: the publish permission (moderators) or a superuser."""
        return PagePermissionTester.can_publish(self)

    # can_unpublish is inherited: it needs the publish permission, so moderators (and
    # superusers) can take a page down at once. A take-down needs no review.

    # These two are tied to can_publish in Wagtail; they are not publishing, so they keep
    # the publish-permission rule (moderators and superusers).
    def can_set_view_restrictions(self):
        return self.holds_publish_permission()

    def can_unschedule(self):
        return self.holds_publish_permission()


class GuidePagePermissionTester(ApprovalPublishesPermissionTester):
    """Nobody publishes a guide page directly; approval of its medical review publishes it."""

    # Cancelling a review ends it without a decision, as a take-down does: the publish
    # permission (moderators, superusers). Wagtail lets the submitter and any approver cancel;
    # the guide's edit view asks this instead.
    def can_cancel_workflow(self):
        return self.holds_publish_permission()

    # Where a page sits says what it is (its category and line of therapy come from the
    # tree), and a move is not a revision that could be reviewed first: only superusers move
    # pages or reorder a category's children, and a move marks the page for review
    # (medical_review.moves).
    def can_move(self):
        return self._is_superuser() and super().can_move()

    def can_move_to(self, destination):
        return self._is_superuser() and super().can_move_to(destination)

    def can_reorder_children(self):
        return self._is_superuser()

    # Deleting takes a page away from readers at once, as unpublishing does: it needs the
    # publish permission (moderators, superusers). Editors and advisors cannot delete.
    def can_delete(self, ignore_bulk=False):
        return self.holds_publish_permission() and super().can_delete(ignore_bulk=ignore_bulk)

    def _is_superuser(self):
        return self.user.is_active and self.user.is_superuser


def may_cancel_review(user, obj):
    """Whether `user` may cancel the medical review of `obj`, a reviewed page or snippet: who
    may take it down (moderators, superusers), never its writer or an advisor."""
    if isinstance(obj, Page):
        return GuidePagePermissionTester(user, obj).can_cancel_workflow()
    return policy_registry.get_by_type(type(obj)).user_has_permission(user, "publish")


class SuperusersOnlyPermissionPolicy(BasePermissionPolicy):
    """Only active superusers may see or change the model: no group permission opens it."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser)

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
