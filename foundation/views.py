"""The identity's admin: Wagtail's snippet views that publish nothing; the approval of its
editorial review does."""

from foundation.models import FoundationIdentity
from medical_review.views import (
    ReviewedSnippetCopyView,
    ReviewedSnippetCreateView,
    ReviewedSnippetEditView,
    ReviewedSnippetViewSet,
)

PUBLISH_REFUSED = (
    "The foundation's identity goes live only when a moderator who did not write the change "
    "approves it. Use “Submit to Editorial review” instead; nothing was saved or published."
)


class IdentityCreateView(ReviewedSnippetCreateView):
    publish_refused = PUBLISH_REFUSED


class IdentityCopyView(ReviewedSnippetCopyView):
    publish_refused = PUBLISH_REFUSED


class IdentityEditView(ReviewedSnippetEditView):
    publish_refused = PUBLISH_REFUSED


class FoundationIdentityViewSet(ReviewedSnippetViewSet):
    """Snippets → Foundation identity: proposed by editors, approved by a second moderator."""

    model = FoundationIdentity
    add_view_class = IdentityCreateView
    copy_view_class = IdentityCopyView
    edit_view_class = IdentityEditView
    icon = "site"
    menu_label = "Foundation identity"
    list_display = ["name", "locale"]
