from .disclaimer import Disclaimer
from .pages import (
    GuidePerson,
    HomePage,
    TherapyCategoryPage,
    TreatmentBrandName,
    TreatmentGuidePage,
    TreatmentPage,
)
from .people import Person
from .routes import AdministrationRoute
from .site_settings import GuideSettings

__all__ = [
    "AdministrationRoute",
    "Disclaimer",
    "GuidePerson",
    "GuideSettings",
    "HomePage",
    "Person",
    "TherapyCategoryPage",
    "TreatmentBrandName",
    "TreatmentGuidePage",
    "TreatmentPage",
]
