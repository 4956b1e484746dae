"""The editor's plain-language check: a panel showing the reading grade of the page as edited."""

from wagtail.admin.panels import Panel

from plain_language.readability import (
    NHS_READING_AGES,
    SMOG_MIN_SENTENCES,
    TARGET_GRADE,
    TARGET_READING_AGE,
    check_page,
)


class ReadingGradePanel(Panel):
    """Shows the reading grades and reading age of the page's current draft and the guide's
    target; it only advises, it has no field and validates nothing.
    """

    def __init__(self, heading="Plain language", **kwargs):
        super().__init__(heading=heading, **kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "plain_language"

    class BoundPanel(Panel.BoundPanel):
        template_name = "plain_language/reading_grade_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["check"] = check_page(self.instance)
            context["target"] = TARGET_GRADE
            context["target_age"] = TARGET_READING_AGE
            context["nhs_ages"] = NHS_READING_AGES
            context["smog_min_sentences"] = SMOG_MIN_SENTENCES
            return context
