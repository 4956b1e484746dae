"""The page tree of the guide: home → guide → categories (nestable) → treatments."""

from django import forms
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from page_cache.shared import SharedViewRestrictionsMixin, remember
from treatments.blocks import RICH_TEXT_FEATURES, TreatmentBodyBlock
from treatments.glance import AtAGlanceMixin
from treatments.listing import build_category_tree
from treatments.routing import DirectRoutingMixin
from treatments.serializers import CreditedPersonSerializer, names_of
from treatments.structured_data import StructuredDataMixin


class ReviewedPageMixin(SharedViewRestrictionsMixin, models.Model):
    """Dates of the latest medical review, kept on every guide page."""

    last_reviewed = models.DateField(null=True, blank=True, editable=False)
    next_review_due = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        # Guide pages go live only through the medical review workflow.
        from treatments.permissions import GuidePagePermissionTester

        return GuidePagePermissionTester(user, self)

    def with_content_json(self, content):
        # The review dates belong to the page, not to a revision: publishing an older
        # draft must not roll them back.
        obj = super().with_content_json(content)
        obj.last_reviewed = self.last_reviewed
        obj.next_review_due = self.next_review_due
        return obj

    @cached_property
    def latest_medical_review(self):
        """The latest `MedicalReview` of this page, or None if it was never reviewed."""
        from treatments.models.reviews import MedicalReview

        if self.last_reviewed is None:  # every approval sets it: never reviewed
            return None
        return MedicalReview.objects.filter(page_id=self.pk).order_by("-reviewed_at", "-pk").first()

    def prepare_for_serving(self):
        """Reads what every render shows, before routing shares the page (treatments.routing)."""
        self.latest_medical_review  # noqa: B018

    @property
    def review_overdue(self):
        return self.next_review_due is not None and self.next_review_due < timezone.localdate()


class GuideAncestryMixin:
    """Gives a guide page's templates its ancestors once (breadcrumbs, categories, nav)."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["ancestors"] = self.ancestors_below_root
        return context

    @cached_property
    def ancestors_below_root(self):
        """The guide down to the parent, as their specific classes. The home page (the site
        root) is left out: it is always "/". Shared between requests (page_cache.shared);
        two queries at most, whatever the depth.
        """
        return remember(f"ancestors:{self.path}", self._find_ancestors_below_root)

    def _find_ancestors_below_root(self):
        step = self.steplen
        guide_path, *category_paths = [
            self.path[:end] for end in range(3 * step, len(self.path), step)
        ] or [None]
        if guide_path is None:
            return []
        # The tree rules put the guide at depth 3 and only categories between it and here.
        ancestors = list(TreatmentGuidePage.objects.live().filter(path=guide_path))
        if category_paths:
            ancestors += (
                TherapyCategoryPage.objects.live().filter(path__in=category_paths).order_by("path")
            )
        return ancestors


class HomePage(DirectRoutingMixin, SharedViewRestrictionsMixin, Page):
    """The site root: a short welcome and the way into the guide."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["treatments.TreatmentGuidePage"]
    max_count = 1
    template = "treatments/home_page.html"


class TreatmentGuidePage(
    GuideAncestryMixin, AtAGlanceMixin, StructuredDataMixin, ReviewedPageMixin, Page
):
    """The one guide index: the seed's introduction and every category with its treatments."""

    subtitle = models.CharField(max_length=255, blank=True)
    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("intro"),
        InlinePanel("people", label="Contributors and advisors"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [
        APIField("subtitle"),
        APIField("intro"),
        APIField("people", serializer=CreditedPersonSerializer(many=True, read_only=True)),
        APIField("last_reviewed"),
    ]

    parent_page_types = ["treatments.HomePage"]
    subpage_types = ["treatments.TherapyCategoryPage"]
    max_count = 1
    template = "treatments/treatment_guide_page.html"

    def get_cached_paths(self):
        """The guide and its at-a-glance table: a frontend cache purges both together."""
        return ["/", self.reverse_subpage("at_a_glance")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["category_tree"] = build_category_tree(self, request)
        if getattr(request, "is_preview", False):  # a preview shows the draft's people
            people = self.people.select_related("person")
        else:
            people = remember(
                f"guide_people:{self.pk}", lambda: list(self.people.select_related("person"))
            )
        context["guide_people"] = people
        return context


class GuidePerson(Orderable):
    """A person credited on the guide, as contributor or as medical advisor."""

    CONTRIBUTOR = "contributor"
    MEDICAL_ADVISOR = "medical_advisor"

    page = ParentalKey(TreatmentGuidePage, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey("treatments.Person", on_delete=models.CASCADE, related_name="+")
    credit = models.CharField(
        max_length=20,
        choices=[(CONTRIBUTOR, "Contributor"), (MEDICAL_ADVISOR, "Medical advisor")],
        default=CONTRIBUTOR,
    )

    panels = [FieldPanel("person"), FieldPanel("credit")]


class Approach(models.TextChoices):
    SYMPTOMATIC = "symptomatic", "Symptomatic relief"
    IMMUNOTHERAPY = "immunotherapy", "Immunotherapy"
    OTHER = "other", "Other"


class LineOfTherapy(models.TextChoices):
    FIRST = "first", "First line"
    SECOND = "second", "Second line"


class TherapyCategoryPage(GuideAncestryMixin, StructuredDataMixin, ReviewedPageMixin, Page):
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
        MultiFieldPanel([FieldPanel("approach"), FieldPanel("line_of_therapy")], "Classification"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [
        APIField("intro"),
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
        context = super().get_context(request, *args, **kwargs)
        context["category_tree"] = build_category_tree(self, request)
        return context


class AdministrationRoute(models.Model):
    """How a treatment is given: oral, intravenous, intrathecal pump…"""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class TreatmentKind(models.TextChoices):
    MEDICATION = "medication", "Medication"
    PROCEDURE = "procedure", "Procedure"
    THERAPY = "therapy", "Therapy"


class TreatmentPage(GuideAncestryMixin, StructuredDataMixin, ReviewedPageMixin, Page):
    """One treatment: its names, how it is given, what it targets, its cautions."""

    generic_name = models.CharField(max_length=200, blank=True)
    also_known_as = models.CharField(
        max_length=200, blank=True, help_text="Abbreviations and other names, comma separated."
    )
    kind = models.CharField(max_length=20, choices=TreatmentKind.choices)
    drug_class = models.CharField(max_length=200, blank=True)
    routes = ParentalManyToManyField(
        AdministrationRoute, blank=True, related_name="treatments", verbose_name="routes"
    )
    administration = models.TextField(
        "how it is given", blank=True, help_text="The source's words on how it is given."
    )
    targets = models.TextField("what it targets", blank=True)
    regimen = models.TextField("regimen notes", blank=True)
    cautions = models.TextField(blank=True)
    body = StreamField(TreatmentBodyBlock(), blank=True)

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
    ]
    api_fields = [
        APIField("generic_name"),
        APIField("also_known_as"),
        APIField("brand_names", serializer=names_of("brand_names")),
        APIField("kind"),
        APIField("drug_class"),
        APIField("routes", serializer=names_of("routes")),
        APIField("administration"),
        APIField("targets"),
        APIField("regimen"),
        APIField("cautions"),
        APIField("body"),
        APIField("last_reviewed"),
    ]

    parent_page_types = ["treatments.TherapyCategoryPage"]
    subpage_types = []
    template = "treatments/treatment_page.html"
    # Read by every render: the facts list, head tags and JSON-LD.
    shown_relations = ("brand_names", "routes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # No query when routing prepared the page already (a preview has not).
        prefetch_related_objects([self], *self.shown_relations)
        categories = [
            page for page in self.ancestors_below_root if isinstance(page, TherapyCategoryPage)
        ]
        context["categories"] = categories
        context["line_of_therapy"] = line_of_therapy_for(categories)
        return context

    def prepare_for_serving(self):
        super().prepare_for_serving()
        prefetch_related_objects([self], *self.shown_relations)

    # Cached: a render reads them in several places, and each read of a relation's manager
    # costs more than the list. A page object is one version of the page.
    @cached_property
    def brand_name_list(self):
        return [brand.name for brand in self.brand_names.all()]

    @cached_property
    def route_name_list(self):
        return [route.name for route in self.routes.all()]


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
