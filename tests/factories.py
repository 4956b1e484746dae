"""Factories for building guide trees in tests (on top of, or instead of, the seed)."""

import factory
import wagtail_factories

from medical_review.gate import seed_publication
from medical_review.models import MedicalReview
from treatments.models import (
    AdministrationRoute,
    TherapyCategoryPage,
    TreatmentBrandName,
    TreatmentPage,
)


class SeedPageFactory(wagtail_factories.PageFactory):
    """Builds live pages as the loader builds the seed: test set-up, outside any review."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with seed_publication():
            return super()._create(model_class, *args, **kwargs)


class TherapyCategoryPageFactory(SeedPageFactory):
    title = factory.Sequence(lambda n: f"Category {n}")
    approach = "symptomatic"

    class Meta:
        model = TherapyCategoryPage


class TreatmentPageFactory(SeedPageFactory):
    """A made-up treatment for structural tests: not medical content."""

    title = factory.Sequence(lambda n: f"Testamide {n}")
    generic_name = factory.SelfAttribute("title")
    kind = "medication"

    class Meta:
        model = TreatmentPage
        skip_postgeneration_save = True

    @factory.post_generation
    def brands(self, create, extracted, **kwargs):
        for name in extracted or ():
            TreatmentBrandName.objects.create(page=self, name=name)

    @factory.post_generation
    def route_slugs(self, create, extracted, **kwargs):
        if extracted:
            self.routes.set(AdministrationRoute.objects.filter(slug__in=extracted))
            with seed_publication():
                self.save()  # a ParentalManyToManyField is written on save


def record_review(page, reviewed_at, next_review_due, reviewer_name="Test Reviewer", **fields):
    """A medical review of the page's live revision as an approval records it, without the
    workflow: the `MedicalReview` and the review dates that its going live sets on the page
    row (see medical_review.models.record_medical_review and apply_live_review).
    """
    fields.setdefault("revision_id", page.live_revision_id)
    MedicalReview.objects.create(
        page=page,
        page_title=page.title,
        reviewer_name=reviewer_name,
        reviewed_at=reviewed_at,
        next_review_due=next_review_due,
        **fields,
    )
    type(page).objects.filter(pk=page.pk).update(
        last_reviewed=reviewed_at.date(), next_review_due=next_review_due
    )
