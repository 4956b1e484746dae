from .disclaimer import Disclaimer
from .pages import (
    MEDICINE_SECTIONS,
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
from .sources import (
    SOURCE_MODELS,
    BrokenSourceLink,
    CategorySource,
    GuideSource,
    TreatmentSource,
)

__all__ = [
    "MEDICINE_SECTIONS",
    "SOURCE_MODELS",
    "BrokenSourceLink",
    "CategorySource",
    "GuideSource",
    "TreatmentSource",
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
