# The workflow task is a model too; it lives beside the workflow rules it carries.
from treatments.workflows import MedicalReviewTask

from .pages import (
    AdministrationRoute,
    GuidePerson,
    HomePage,
    TherapyCategoryPage,
    TreatmentBrandName,
    TreatmentGuidePage,
    TreatmentPage,
)
from .people import Person
from .reviews import MedicalReview, ReviewReminder
from .site_settings import GuideSettings

__all__ = [
    "AdministrationRoute",
    "GuidePerson",
    "GuideSettings",
    "HomePage",
    "MedicalReview",
    "MedicalReviewTask",
    "Person",
    "ReviewReminder",
    "TherapyCategoryPage",
    "TreatmentBrandName",
    "TreatmentGuidePage",
    "TreatmentPage",
]
