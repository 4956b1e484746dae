"""wagtail-localize's admin views, held to the rule that only a medical review publishes.

wagtail-localize publishes in three places without asking the page's permission tester:
"Sync translated pages" with "Publish immediately", "Convert to alias page" (the alias goes
live with the source's text) and the synced editor's "Publish" of a snippet (it asks the
model permission, which moderators hold; of a page it asks the tester, which refuses). Each
is offered and accepted here only where the user may publish the object directly: a
reviewed page, or a snippet under a workflow, goes live only by approval.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404
from wagtail.models import Page, WorkflowMixin
from wagtail_localize.models import Translation
from wagtail_localize.views import convert, update_translations

REFUSED = "Only an approved medical review publishes this; submit it for review instead."


def publishes_only_by_review(user, instance):
    """Whether `instance` reaches readers only through its workflow, for `user`."""
    if isinstance(instance, Page):
        return not instance.specific.permissions_for_user(user).can_publish()
    return isinstance(instance, WorkflowMixin) and instance.get_workflow() is not None


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """ "Sync translated pages" without "Publish immediately" where a review publishes."""

    def may_publish(self):
        targets = (
            translation.get_target_instance()
            for translation in self.object.translations.filter(enabled=True)
        )
        return not any(publishes_only_by_review(self.request.user, t) for t in targets)

    def get_form(self):
        form = super().get_form()
        if not self.may_publish():
            del form.fields["publish_translations"]
        return form

    def form_valid(self, form):
        if "publish_translations" not in form.fields:
            if self.request.POST.get("publish_translations"):
                raise PermissionDenied(REFUSED)
            form.cleaned_data["publish_translations"] = False
        return super().form_valid(form)


def convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page", refused where a review publishes."""
    page = get_object_or_404(Page, id=page_id, alias_of_id__isnull=True)
    if publishes_only_by_review(request.user, page):
        raise PermissionDenied(REFUSED)
    return convert.convert_to_alias(request, page_id)


def refuse_synced_publish(request, instance):
    """A 403 for the synced editor's "Publish" of an object only a review publishes."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    synced = Translation.objects.filter(
        source__object_id=instance.translation_key,
        target_locale_id=instance.locale_id,
        enabled=True,
    ).exists()
    if synced and publishes_only_by_review(request.user, instance):
        return HttpResponseForbidden(REFUSED)
    return None
