"""An advisor's own Account page changes nothing that signs their medical reviews."""

from django.test import Client
from django.urls import reverse

from tests.page_text import visible_text
from tests.review_support import ATTESTED, edit, new_treatment, role_accounts, workflow_action
from treatments.models import TreatmentPage

ACCOUNT_FORM = {
    "name_email-first_name": "Famous",
    "name_email-last_name": "Professor",
    "name_email-email": "advisor@example.org",
    "locale-preferred_language": "en",
    "locale-current_time_zone": "",
    "theme-theme": "system",
    "theme-contrast": "system",
    "theme-density": "default",
    "theme-keyboard_shortcuts": "on",
}


def test_an_advisor_renaming_their_account_still_signs_with_their_reviewer_name(guide):
    accounts = role_accounts()
    treatment = new_treatment(guide)
    advisor = Client()
    advisor.force_login(accounts["advisor"])

    renamed = advisor.post(reverse("wagtailadmin_account"), ACCOUNT_FORM)
    assert renamed.status_code == 302, renamed.content[:1500]
    accounts["advisor"].refresh_from_db()
    assert accounts["advisor"].get_full_name() == "Famous Professor"

    editor = Client()
    editor.force_login(accounts["editor"])
    edit(editor, treatment, "action-submit", title="Reviewamide (signed)")
    workflow_action(advisor, TreatmentPage.objects.get(pk=treatment.pk), "approve", ATTESTED)

    text = visible_text(Client().get(TreatmentPage.objects.get(pk=treatment.pk).url))
    assert "Medically reviewed by Ada Advisor" in text
    assert "Famous" not in text and "Professor" not in text
