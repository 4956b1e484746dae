"""Where the project leans on Wagtail's own files, a Wagtail upgrade that changes them fails
here, so that whoever upgrades looks again."""

import hashlib
from pathlib import Path

import polib
import wagtail
from django.conf import settings

WAGTAIL = Path(wagtail.__file__).parent

# Copies that remain, each with the sha256 of the upstream file it was made from.
COPIED_FROM = {
    # The approve dialog's form (medical_review/templates/medical_review/approve_modal.html):
    # the dialog shows the changes between the header and the form, and Wagtail's template has
    # no block to put them in.
    "admin/templates/wagtailadmin/shared/workflow_action_modal.html": (
        "4549dd3db3de10c0483426c52a1b539f85be849914d6bf9e98d64cfdcfd0f4db"
    ),
    # The page explorer's bulk actions bar
    # (medical_review/templates/medical_review/admin/page_bulk_actions_footer.html): it lists
    # only the actions the user may take on the listed pages, and Wagtail's template names its
    # choices' tag with no block around it.
    "admin/templates/wagtailadmin/bulk_actions/footer.html": (
        "55cdf57df519705779221a1ddd9a6b7f3e394b63b0f73fd9f9d0d5b5fc141cf0"
    ),
}

EMAIL_WORDS = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
WAGTAIL_WORDS = WAGTAIL / "admin" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_the_wagtail_files_copied_are_as_they_were_copied():
    for path, sha256 in COPIED_FROM.items():
        digest = hashlib.sha256((WAGTAIL / path).read_bytes()).hexdigest()
        assert digest == sha256, (
            f"Wagtail's {path} changed: bring the project's copy up to date, then its hash here"
        )


def test_every_reworded_email_sentence_is_still_one_of_wagtails():
    wagtails = {entry.msgid for entry in polib.pofile(str(WAGTAIL_WORDS))}
    ours = [entry.msgid for entry in polib.pofile(str(EMAIL_WORDS))]
    assert ours
    assert [msgid for msgid in ours if msgid not in wagtails] == []
