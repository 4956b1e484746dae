from wagtail import hooks

from medical_review.permissions import is_moderator


@hooks.register("filter_form_submissions_for_user")
def only_moderators_read_contact_messages(user, editable_forms):
    """Messages may hold health details: moderators and superusers read them, not editors
    or advisors (who may edit the contact page itself)."""
    return editable_forms if is_moderator(user) else editable_forms.none()


@hooks.register("searchable_page_types")
def foundation_pages_in_search():
    from policy_pages.models import policy_page_models

    return policy_page_models()
