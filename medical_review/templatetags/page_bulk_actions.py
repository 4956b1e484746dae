"""The page explorer's bulk actions, less those the user may do to none of the listed pages."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.widgets.button import Button, ButtonWithDropdown, ListingButton

register = template.Library()

SHOWN_AS_BUTTONS = 4  # as Wagtail's own bulk_action_choices: the rest go under "More"


def offered_actions(request, model, pages):
    """The bulk action classes for `model` that the user may apply to one of `pages` at least.

    Each class's own `check_perm` decides, as it does when the action is posted; guide pages
    answer through their permission tester (nobody publishes them, only superusers move them).
    """
    offered = []
    for action_class in bulk_action_registry.get_bulk_actions_for_model(
        model._meta.app_label, model._meta.model_name
    ):
        action = action_class(request, model)
        if any(action.check_perm(page) for page in pages):
            offered.append(action_class)
    return sorted(offered, key=lambda action: action.action_priority)


def _button(action, url_args, dropdown=False):
    attrs = {"aria-label": action.aria_label, "data-bulk-action-button": ""}
    url = reverse("wagtail_bulk_action", args=[*url_args, action.action_type])
    if dropdown:
        return Button(
            label=action.display_name, url=url, attrs=attrs, priority=action.action_priority
        )
    return ListingButton(
        action.display_name,
        url,
        attrs=attrs,
        priority=action.action_priority,
        classname=" ".join(action.classes | {"bulk-action-btn"}),
    )


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def page_bulk_action_choices(context, model_opts, pages):
    """Wagtail's bulk action buttons for a page listing, less the actions nobody listed allows."""
    actions = offered_actions(context["request"], model_opts.model, list(pages or ()))
    url_args = [model_opts.app_label, model_opts.model_name]
    buttons = [_button(action, url_args) for action in actions[:SHOWN_AS_BUTTONS]]
    if actions[SHOWN_AS_BUTTONS:]:
        buttons.append(
            ButtonWithDropdown(
                label=_("More"),
                attrs={"title": _("More bulk actions")},
                classname="button button-secondary button-small",
                buttons=[
                    _button(action, url_args, dropdown=True)
                    for action in actions[SHOWN_AS_BUTTONS:]
                ],
            )
        )
    return {"buttons": buttons}
