"""The page tree of the guide: home → guide → categories (nestable) → treatments."""

import re
from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, prefetch_related_objects
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext, gettext_lazy, pgettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from content_pages.blocks import SingleVideoBlock
from editions.languages import language_of
from editions.links import home_editions, home_url_in
from editions.reader_links import ReaderLinks
from editions.visibility import view_restrictions_of, visible_to_visitors
from editorial_review.pages import EditoriallyReviewedPageMixin
from editorial_review.permissions import HomePagePermissionTester
from medical_review.models import MedicalReview, ReviewedPageMixin, prefetch_medical_reviews
from plain_language.panels import ReadingGradePanel
from treatments.blocks import (
    RICH_TEXT_FEATURES,
    GuideCautionsBlock,
    QuestionsBlock,
    TreatmentBodyBlock,
)
from treatments.models.routes import AdministrationRoute
from treatments.models.routing import SpecificChildrenMixin
from treatments.models.site_settings import GuideSettings
from treatments.page_forms import GuidePageForm
from treatments.serializers import CreditedPersonSerializer, RouteNamesField, names_of

# The list for the doctor: how many treatments one list may hold, and why a list is refused.
DOCTOR_LIST_MAX = 30
NOTHING_CHOSEN = gettext_lazy("You have not ticked any treatments yet.")
NOT_A_TREATMENT = gettext_lazy("This address does not name treatments of the guide.")
TOO_MANY = gettext_lazy("A list can hold at most %(limit)s treatments. Tick fewer and try again.")
# Nine digits at most: a page id, and always within a database integer's range.
TREATMENT_ID = re.compile(r"[0-9]{1,9}")


def live_text_reviewed():
    """A filter for pages whose live revision was approved in a medical review."""
    return Q(
        Exists(
            MedicalReview.objects.filter(page=OuterRef("pk"), revision=OuterRef("live_revision"))
        )
    )


def in_the_default_language():
    """A filter for pages of the default (English) edition."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


def chosen_treatment_ids(values):
    """The distinct treatment ids of the `t` parameters, in order; ValueError says what is wrong."""
    ids = list(dict.fromkeys(value for value in values if value))
    if not ids:
        raise ValueError(NOTHING_CHOSEN)
    if not all(TREATMENT_ID.fullmatch(value) for value in ids):
        raise ValueError(NOT_A_TREATMENT)
    if len(ids) > DOCTOR_LIST_MAX:
        raise ValueError(TOO_MANY % {"limit": DOCTOR_LIST_MAX})
    return [int(value) for value in ids]


class GuideReviewMixin(ReviewedPageMixin):
    """A guide page under medical review, reviewed at the guide's interval."""

    base_form_class = GuidePageForm

    class Meta:
        abstract = True

    def get_review_interval_months(self):
        # The page's site from Wagtail's cached root paths; its settings in one query.
        url_parts = self.get_url_parts()
        if url_parts is None:
            return super().get_review_interval_months()
        months = (
            GuideSettings.objects.filter(site_id=url_parts[0])
            .values_list("review_interval_months", flat=True)
            .first()
        )
        if months is None:
            return GuideSettings._meta.get_field("review_interval_months").default
        return months


class GuideAncestryMixin:
    """Gives a guide page's templates its ancestors (breadcrumbs, categories, nav), and the
    `reader_links` every link to another guide page is resolved through, for the reader's
    language (editions.reader_links)."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["ancestors"] = self.ancestors_below_root
        context["reader_links"] = ReaderLinks(
            language_of(self), request, context["ancestors"], page=self
        )
        return context

    @cached_property
    def ancestors_below_root(self):
        """The live guide and categories above this page, top-down, as their specific classes.

        The home page (the site root) is left out: it is always "/". Read through
        `get_parent()`, which costs no query for a page that `Page.route` found (routing keeps
        each parent it passed through on the child).
        """
        ancestors = []
        page = self
        while page.depth > 3:
            page = page.get_parent().specific
            ancestors.append(page)
        return [ancestor for ancestor in reversed(ancestors) if ancestor.live]

    def get_view_restrictions(self):
        """Wagtail's rule (the restrictions of this page and its ancestors, an alias's being
        those of its source page) in one query."""
        return view_restrictions_of(self)


class CitedSourcesMixin:
    """A guide page that lists the works it cites (`sources`, an inline reviewed with the
    page)."""

    @cached_property
    def cited_sources(self):
        """The sources, read once per render by the "Sources" section and the JSON-LD (one
        query, none in a preview: it holds them in memory)."""
        return list(self.sources.all())


SOURCES_PANEL_LABEL = "Sources"


class GuideCautionsMixin(models.Model):
    """Cautions a guide or category page says, shown on it and on every treatment below it."""

    cautions = StreamField(
        GuideCautionsBlock(),
        blank=True,
        verbose_name="important: read before use",
        help_text="Cautions that apply to every treatment below this page.",
    )

    class Meta:
        abstract = True


class HomePage(SpecificChildrenMixin, EditoriallyReviewedPageMixin, Page):
    """The site root: its title and the way into the guide.

    It has no text of its own: the home page is not medically reviewed, so what it says
    about treatment is quoted from the live guide. Its own fields (title, browser title, meta
    description) go live only through the "Editorial review" (`editorial_review`).
    """

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "treatments.TreatmentGuidePage",
        "content_pages.ContentPage",
        "policy_pages.ContactPage",
        "policy_pages.HowThisGuideIsMadePage",
        "policy_pages.PrivacyPage",
        "news.NewsIndexPage",
        "events.EventIndexPage",
    ]
    max_count = 1
    template = "treatments/home_page.html"
    # Every language's home address ("/es/") shows a home page in that language, translated
    # or not (`serve`); no address of it answers with the "not available" note.
    answers_in_every_language = True

    def permissions_for_user(self, user):
        # Nobody publishes the home page directly: a second person's approval does.
        return HomePagePermissionTester(user, self)

    def get_view_restrictions(self):
        """Wagtail's rule in one query (treatments.models.pages.GuideAncestryMixin)."""
        return view_restrictions_of(self)

    def get_context(self, request, *args, **kwargs):
        """What the home page shows: the live guide of its language and the guide's tree."""
        home_contents = apps.get_app_config("treatments").page_contents.home_contents

        context = super().get_context(request, *args, **kwargs)
        context["home_title"] = self.title
        context.update(home_contents(self, request), home_page=self)
        return context

    def get_cached_paths(self):
        """The home address; the English home also stands in at every other language's home
        address (`serve`), so a frontend cache purges those with it."""
        if language_of(self) != settings.LANGUAGE_CODE:
            return ["/"]
        others = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
        return ["/", *(home_url_in(code) for code in others if code != settings.LANGUAGE_CODE)]

    def serve(self, request, *args, **kwargs):
        """The home page, or, at the home address of a language it has no live translation of
        its own in (an alias repeats the English title), the home of that language's
        interface: the site's name in that language, its live reviewed guide, and the English
        guide offered for the rest. No text of the home page itself is shown there."""
        language = get_language()
        if language_of(self) == language and self.alias_of_id is None:
            return super().serve(request, *args, **kwargs)
        home_contents = apps.get_app_config("treatments").page_contents.home_contents
        editions = home_editions(language, request)
        context = {
            "request": request,
            "page": None,
            "home_page": self,  # the Organization's address (foundation_tags)
            "home_title": pgettext("site name", "SPS Treatment Guide"),
            "reader_editions": editions,
            "canonical_url": next(e.url for e in editions.editions if e.current),
            **home_contents(self, request, language),
        }
        return TemplateResponse(request, self.template, context)


class TreatmentGuidePage(
    SpecificChildrenMixin,
    RoutablePageMixin,
    CitedSourcesMixin,
    GuideAncestryMixin,
    GuideCautionsMixin,
    GuideReviewMixin,
    Page,
):
    """The one guide index: the seed's introduction and every category with its treatments.

    It also serves "Treatments at a glance", every treatment in one table, at `at-a-glance/`,
    and the printable list of the treatments a reader ticks there at `for-your-doctor/`.
    """

    subtitle = models.CharField(max_length=255, blank=True)
    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("intro"),
        FieldPanel("cautions"),
        InlinePanel("people", label="Contributors and advisors"),
        InlinePanel("sources", label=SOURCES_PANEL_LABEL),
        ReadingGradePanel(),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("cautions"),
    ]
    api_fields = [
        APIField("subtitle"),
        APIField("intro"),
        APIField("cautions"),
        APIField("people", serializer=CreditedPersonSerializer(many=True, read_only=True)),
        APIField("last_reviewed"),
    ]

    parent_page_types = ["treatments.HomePage"]
    subpage_types = ["treatments.TherapyCategoryPage", "glossary.GlossaryPage"]
    max_count = 1
    medical_review_root = True
    template = "treatments/treatment_guide_page.html"

    def get_cached_paths(self):
        """The guide and its at-a-glance table: a frontend cache purges both together.

        The list for the doctor is never cached (see `for_your_doctor`): nothing to purge.
        """
        return ["/", self.reverse_subpage("at_a_glance")]

    def get_context(self, request, *args, sub_route=False, **kwargs):
        """What the guide shows: its cautions, every category and treatment, its credits.
        A sub-route (the table) reads what it shows itself."""
        guide_contents = apps.get_app_config("treatments").page_contents.guide_contents

        context = super().get_context(request, *args, **kwargs)
        if not sub_route:
            context.update(
                guide_contents(self, request, context["ancestors"], context["reader_links"])
            )
        return context

    @path("at-a-glance/", name="at_a_glance")
    def at_a_glance(self, request):
        """The table's page: the table (treatments.glance) for the GET parameters. Rendered as
        the guide's own sub-route (`page` is the guide), so the language switch and `hreflang`
        alternates name the table of each live, reviewed edition of the guide.
        """
        glance_of_guide = apps.get_app_config("treatments").glance.glance_of_guide

        url = self.get_url(request) + self.reverse_subpage("at_a_glance")
        return self.render(
            request,
            sub_route=True,
            template="treatments/at_a_glance.html",
            context_overrides={
                "guide": self,
                "glance": glance_of_guide(self, request),
                "own_structured_data": True,
                "meta_title": gettext("Treatments at a glance | %(guide)s") % {"guide": self.title},
                "meta_description": gettext(
                    "Every treatment in the guide in one table: category, line of therapy, "
                    "how it is given and brand names."
                ),
                "canonical_url": request.build_absolute_uri(url),
            },
        )

    @path("for-your-doctor/", name="for_your_doctor")
    def for_your_doctor(self, request):
        """The treatments ticked in the table (`?t=<id>&t=<id>`), to print and take to a doctor.

        Sent `private, no-cache`: each choice of treatments is its own address and the page
        carries the day it was made, so no shared cache may keep it. Ticks name pages of one
        edition: the ids of another language's treatments are not in this guide, and are left
        out as any unknown id is. The list carries its own address (and a QR code of it) for
        print, and goes back to the table with its treatments still ticked.
        """
        addresses_of_list = apps.get_app_config("treatments").doctor_list.addresses_of_list

        context = {
            "guide": self,
            "meta_title": gettext("Treatments to discuss with your doctor | %(guide)s")
            % {"guide": self.title},
            "meta_description": gettext("A printable list of treatments from the guide."),
            "noindex": True,
            "made_on": timezone.localdate(),
        }
        status = 200
        try:
            ids = chosen_treatment_ids(request.GET.getlist("t"))
        except ValueError as error:
            context["problem"] = str(error)
            status = 400
        else:
            chosen = self.chosen_treatments(ids)
            context["chosen"] = chosen
            context["not_found"] = len(ids) - len(chosen)
            if chosen:
                context["addresses"] = addresses_of_list(self, chosen, request)
            else:
                status = 404
        response = TemplateResponse(
            request, "treatments/for_your_doctor.html", context, status=status
        )
        patch_cache_control(response, private=True, no_cache=True)
        return response

    def chosen_treatments(self, ids):
        """The treatments among `ids` that a visitor may read here, in the guide's order, with
        their categories: in four queries (treatments, brand names, routes, categories) and
        one for their reviews, however many are chosen.

        In a translated edition only treatments whose live text was medically reviewed are
        listed, as the language switch offers only those.
        """
        visible = visible_to_visitors()
        pages = list(
            TreatmentPage.objects.descendant_of(self)
            .filter(visible, in_the_default_language() | live_text_reviewed(), pk__in=ids)
            .order_by("path")
            .prefetch_related("brand_names", "routes")
        )

        def paths_above(page):
            return [
                page.path[:end]
                for end in range(len(self.path) + page.steplen, len(page.path), page.steplen)
            ]

        wanted = {above for page in pages for above in paths_above(page)}
        categories = {
            category.path: category
            for category in TherapyCategoryPage.objects.filter(visible, path__in=wanted)
        }
        chosen = []
        for page in pages:
            above = paths_above(page)
            # A treatment below an unpublished or private category is not on the site.
            if all(tree_path in categories for tree_path in above):
                chosen.append(
                    ChosenTreatment(page, [categories[tree_path] for tree_path in above], self)
                )
        prefetch_medical_reviews([entry.page for entry in chosen])
        return chosen

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            urls.append(
                {
                    "location": urls[0]["location"] + self.reverse_subpage("at_a_glance"),
                    "lastmod": urls[0].get("lastmod"),
                }
            )
        return urls


class GuidePerson(Orderable):
    """A person credited on the guide, as contributor or as medical advisor."""

    CONTRIBUTOR = "contributor"
    MEDICAL_ADVISOR = "medical_advisor"

    page = ParentalKey(TreatmentGuidePage, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey("treatments.Person", on_delete=models.CASCADE, related_name="+")
    credit = models.CharField(
        max_length=20,
        choices=[(CONTRIBUTOR, _("Contributor")), (MEDICAL_ADVISOR, _("Medical advisor"))],
        default=CONTRIBUTOR,
    )

    panels = [FieldPanel("person"), FieldPanel("credit")]


class Approach(models.TextChoices):
    SYMPTOMATIC = "symptomatic", _("Symptomatic relief")
    IMMUNOTHERAPY = "immunotherapy", _("Immunotherapy")
    OTHER = "other", _("Other")


class LineOfTherapy(models.TextChoices):
    # The seed's own words, its quotation marks included.
    FIRST = "first", _("“First Line”")
    SECOND = "second", _("“Second Line”")


class TherapyCategoryPage(
    SpecificChildrenMixin,
    CitedSourcesMixin,
    GuideAncestryMixin,
    GuideCautionsMixin,
    GuideReviewMixin,
    Page,
):
    """A group of treatments; categories nest (Immunotherapies → First line)."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)
    approach = models.CharField(max_length=20, choices=Approach.choices, blank=True)
    line_of_therapy = models.CharField(
        max_length=10,
        choices=LineOfTherapy.choices,
        blank=True,
        help_text="Only where the source says which line of therapy this is.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("cautions"),
        MultiFieldPanel([FieldPanel("approach"), FieldPanel("line_of_therapy")], "Classification"),
        InlinePanel("sources", label=SOURCES_PANEL_LABEL),
        ReadingGradePanel(),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("cautions"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("cautions"),
        APIField("approach"),
        APIField("line_of_therapy"),
        APIField("last_reviewed"),
    ]

    parent_page_types = ["treatments.TreatmentGuidePage", "treatments.TherapyCategoryPage"]
    subpage_types = ["treatments.TherapyCategoryPage", "treatments.TreatmentPage"]
    template = "treatments/therapy_category_page.html"

    class Meta:
        verbose_name = "therapy category page"

    def get_context(self, request, *args, **kwargs):
        """What a category shows: its cautions, and the categories and treatments below it."""
        category_contents = apps.get_app_config("treatments").page_contents.category_contents

        context = super().get_context(request, *args, **kwargs)
        context.update(
            category_contents(self, request, context["ancestors"], context["reader_links"])
        )
        return context


# The rich-text medicine sections of a treatment page, in the order the page shows them.
MEDICINE_SECTIONS = (
    "how_to_take",
    "side_effects",
    "who_should_not",
    "pregnancy_and_breastfeeding",
    "stopping_or_missing",
)


class TreatmentKind(models.TextChoices):
    MEDICATION = "medication", _("Medication")
    PROCEDURE = "procedure", _("Procedure")
    THERAPY = "therapy", _("Therapy")


# Prose of the medicine sections: paragraphs, emphasis, lists and links; no headings, as
# each section has its own.
MEDICINE_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def medicine_section(verbose_name, help_text):
    return RichTextField(
        verbose_name, blank=True, features=MEDICINE_TEXT_FEATURES, help_text=help_text
    )


class TreatmentPage(CitedSourcesMixin, GuideAncestryMixin, GuideReviewMixin, Page):
    """One treatment: its names, how it is given, what it targets, its cautions, and the
    sections of a medicines reference (how to take it, side effects, ...) where written."""

    generic_name = models.CharField(max_length=200, blank=True)
    also_known_as = models.CharField(
        max_length=200, blank=True, help_text="Abbreviations and other names, comma separated."
    )
    kind = models.CharField(max_length=20, choices=TreatmentKind.choices)
    drug_class = models.CharField(max_length=200, blank=True)
    # The default locale's routes: a translation of the page keeps them, and readers see
    # each route's reviewed translation (treatments.route_names).
    routes = ParentalManyToManyField(
        AdministrationRoute,
        blank=True,
        related_name="treatments",
        verbose_name="routes",
        limit_choices_to=in_the_default_language,
    )
    administration = models.TextField(
        "how it is given", blank=True, help_text="The source's words on how it is given."
    )
    targets = models.TextField("what it targets", blank=True)
    regimen = models.TextField("regimen notes", blank=True)
    cautions = models.TextField(blank=True)
    body = StreamField(TreatmentBodyBlock(), blank=True)
    video = StreamField(
        SingleVideoBlock(),
        blank=True,
        verbose_name="video",
        help_text="A video about this treatment, played only when a reader asks for it.",
    )
    # The sections of a medicines reference page (NHS, MedlinePlus), shown in this order, each
    # only when it has text.
    how_to_take = medicine_section(
        "how it is given or taken",
        "How and when it is taken or given, by whom, and for how long. The short line under "
        "“How it is given” stays in the key facts.",
    )
    side_effects = medicine_section(
        "side effects",
        "Common and serious side effects, and what to do about each.",
    )
    who_should_not = medicine_section(
        "who should not have it and cautions with other medicines",
        "Who should not have it or must take care (other conditions, allergies), and the "
        "medicines, supplements or foods it should not be combined with. A caution every "
        "reader must see first stays in “cautions”.",
    )
    pregnancy_and_breastfeeding = medicine_section(
        "pregnancy and breastfeeding",
        "Whether it may be used when pregnant, trying to get pregnant or breastfeeding.",
    )
    stopping_or_missing = medicine_section(
        "stopping or missing a dose",
        "What to do after a missed dose, and whether and how it may be stopped.",
    )
    common_questions = StreamField(
        QuestionsBlock(),
        blank=True,
        verbose_name="common questions",
        help_text="Questions readers ask about it, each with its answer.",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("generic_name"),
                FieldPanel("also_known_as"),
                InlinePanel("brand_names", label="Brand names"),
                FieldPanel("kind"),
                FieldPanel("drug_class"),
            ],
            "Names",
        ),
        MultiFieldPanel(
            [
                FieldPanel("routes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("administration"),
                FieldPanel("targets"),
                FieldPanel("regimen"),
                FieldPanel("cautions"),
            ],
            "Use",
        ),
        FieldPanel("body"),
        FieldPanel("video"),
        MultiFieldPanel(
            [
                FieldPanel("how_to_take"),
                FieldPanel("side_effects"),
                FieldPanel("who_should_not"),
                FieldPanel("pregnancy_and_breastfeeding"),
                FieldPanel("stopping_or_missing"),
                FieldPanel("common_questions"),
            ],
            "Medicine sections",
        ),
        InlinePanel("sources", label=SOURCES_PANEL_LABEL),
        ReadingGradePanel(),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("generic_name", boost=5),
        index.AutocompleteField("generic_name"),
        index.SearchField("also_known_as", boost=3),
        index.AutocompleteField("also_known_as"),
        index.RelatedFields(
            "brand_names", [index.SearchField("name", boost=5), index.AutocompleteField("name")]
        ),
        index.RelatedFields("routes", [index.SearchField("name")]),
        index.SearchField("targets"),
        index.SearchField("administration"),
        index.SearchField("regimen"),
        index.SearchField("cautions"),
        index.SearchField("body"),
        *(index.SearchField(name) for name in MEDICINE_SECTIONS),
        index.SearchField("common_questions"),
    ]
    api_fields = [
        APIField("generic_name"),
        APIField("also_known_as"),
        APIField("brand_names", serializer=names_of("brand_names")),
        APIField("kind"),
        APIField("drug_class"),
        APIField("routes", serializer=RouteNamesField()),
        APIField("administration"),
        APIField("targets"),
        APIField("regimen"),
        APIField("cautions"),
        APIField("body"),
        APIField("video"),
        *(APIField(name) for name in MEDICINE_SECTIONS),
        APIField("common_questions"),
        APIField("last_reviewed"),
    ]

    parent_page_types = ["treatments.TherapyCategoryPage"]
    subpage_types = []
    template = "treatments/treatment_page.html"

    def get_context(self, request, *args, **kwargs):
        """What a treatment shows besides its fields: its categories and line of therapy, the
        cautions that apply to it, the other treatments of its category, the guide's credits.
        """
        treatment_contents = apps.get_app_config("treatments").page_contents.treatment_contents

        context = super().get_context(request, *args, **kwargs)
        # Read by the facts list, the head tags and the JSON-LD: once each. The preview of a
        # page not yet created holds its brand names and routes in memory.
        if self.pk is not None:
            prefetch_related_objects([self], "brand_names", "routes")
        categories = [
            page for page in context["ancestors"] if isinstance(page, TherapyCategoryPage)
        ]
        context["categories"] = categories
        context["line_of_therapy"] = line_of_therapy_for(categories)
        context.update(
            treatment_contents(self, request, context["ancestors"], context["reader_links"])
        )
        return context

    # A render reads them in several places (facts, description, JSON-LD).
    @cached_property
    def brand_name_list(self):
        return [brand.name for brand in self.brand_names.all()]


@dataclass
class ChosenTreatment:
    """A treatment on the list for the doctor, with the categories above it, top-down."""

    page: TreatmentPage
    categories: list
    guide: TreatmentGuidePage | None = None

    @property
    def ancestors(self):
        """The guide and the categories above the page, top-down: whose cautions it shows."""
        return [self.guide, *self.categories] if self.guide is not None else self.categories

    @property
    def line_of_therapy(self):
        return line_of_therapy_for(self.categories)

    @property
    def caution_blocks(self):
        """The caution blocks of the page's body; the other blocks are not read."""
        body = self.page.body
        return [body[index] for index, raw in enumerate(body.raw_data) if raw["type"] == "caution"]


def category_stating_line(categories):
    """The nearest of `categories` (listed top-down) that states a line of therapy, or None."""
    return next((category for category in reversed(categories) if category.line_of_therapy), None)


def line_of_therapy_for(categories):
    """The line of therapy of the nearest category that states one, as a label."""
    category = category_stating_line(categories)
    return category.get_line_of_therapy_display() if category else ""


class TreatmentBrandName(Orderable):
    """A brand name under which a treatment is sold (CellCept, Myfortic)."""

    page = ParentalKey(TreatmentPage, on_delete=models.CASCADE, related_name="brand_names")
    name = models.CharField(max_length=100)

    panels = [FieldPanel("name")]

    def __str__(self):
        return self.name
