"""The few StreamField blocks a treatment page body may use."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.models import Page

from editions.visibility import visible_to_visitors

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class CautionBlock(blocks.StructBlock):
    """A highlighted warning a reader must not miss."""

    heading = blocks.CharBlock(required=False, default="Caution", max_length=80)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        template = "components/caution_block.html"


# Which treatments below a page a caution applies to: the seed scopes some to medications
# ("these medications"), and a procedure is not one of them.
APPLIES_TO_EVERY_TREATMENT = ""
APPLIES_TO_MEDICATIONS = "medication"


class GuideCautionBlock(blocks.StructBlock):
    """A caution that applies to the treatments below the page it scopes, each shown with a
    link to where the guide says it: this page, or the page chosen in `said_on`.
    """

    text = blocks.TextBlock(help_text="The caution, word for word as the guide says it.")
    anchor = blocks.RegexBlock(
        regex=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length=50,
        help_text="Its address on the page that says it: #caution- and this.",
        error_messages={"invalid": "Use lower-case letters, digits and hyphens only."},
    )
    said_on = blocks.PageChooserBlock(
        required=False,
        page_type=["treatments.TreatmentGuidePage", "treatments.TherapyCategoryPage"],
        help_text="The page of the guide that says this caution, if not this one.",
    )
    applies_to = blocks.ChoiceBlock(
        choices=[
            (APPLIES_TO_EVERY_TREATMENT, "Every treatment below this page"),
            (APPLIES_TO_MEDICATIONS, "The medications below this page (not the procedures)"),
        ],
        required=False,
        default=APPLIES_TO_EVERY_TREATMENT,
        help_text="The treatments the source's words scope it to.",
    )

    class Meta:
        icon = "warning"
        label = "Caution"


class VideoBlock(blocks.StructBlock):
    """A video shown as a titled link with its caption, so it still reads when video cannot load."""

    title = blocks.CharBlock(max_length=200)
    caption = blocks.TextBlock(required=False)
    link = blocks.URLBlock(required=False, help_text="Where the video can be watched.")

    class Meta:
        icon = "media"
        template = "components/video_block.html"


class RelatedTreatmentsBlock(blocks.StructBlock):
    """Links to other treatments in the guide."""

    heading = blocks.CharBlock(required=False, default="Related treatments", max_length=80)
    treatments = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="treatments.TreatmentPage"), min_num=1
    )

    class Meta:
        icon = "link"
        template = "components/related_treatments_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        chosen = [page for page in value["treatments"] if page]
        # Only treatments a visitor may open.
        visible = set(
            Page.objects.filter(
                visible_to_visitors(), pk__in=[page.pk for page in chosen]
            ).values_list("pk", flat=True)
        )
        context["visible_treatments"] = [page for page in chosen if page.pk in visible]
        return context

    def clean(self, value):
        result = super().clean(value)
        ids = [page.pk for page in result["treatments"] if page]
        if len(ids) != len(set(ids)):
            raise blocks.StructBlockValidationError(
                block_errors={"treatments": ValidationError("Each treatment may be listed once.")}
            )
        return result


class TreatmentBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="components/text_block.html")
    caution = CautionBlock()
    video = VideoBlock()
    related_treatments = RelatedTreatmentsBlock()

    class Meta:
        block_counts = {"related_treatments": {"max_num": 1}}


class GuideCautionsBlock(blocks.StreamBlock):
    caution = GuideCautionBlock()


class QuestionBlock(blocks.StructBlock):
    """A question readers ask about a treatment, with its answer."""

    question = blocks.CharBlock(max_length=255, help_text="As a reader would ask it.")
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        template = "components/question_block.html"


class QuestionsBlock(blocks.StreamBlock):
    question = QuestionBlock()
