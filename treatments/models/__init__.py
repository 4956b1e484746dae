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
from .site_settings import GuideSettings

__all__ = [
    "AdministrationRoute",
    "GuidePerson",
    "GuideSettings",
    "HomePage",
    "Person",
    "TherapyCategoryPage",
    "TreatmentBrandName",
    "TreatmentGuidePage",
    "TreatmentPage",
]
