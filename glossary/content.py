"""The terms the seed (`treatments/content/treatments-for-sps.txt`) itself explains.

Every term, expansion and definition is a quotation of the seed; the loader checks each word
for word (a term, letter case aside: it heads an entry). `other_forms` are the other forms the
seed writes the term in (singular or plural), so that "B cell" links to "B cells" too.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    term: str
    slug: str
    definition: str
    expansion: str = ""
    other_forms: str = ""


TERMS = [
    Term(
        "Immunotherapy",
        "immunotherapy",
        "Immunotherapy is the use of medications or other interventions to address specific "
        "abnormalities in the function of a person’s immune system.",
        other_forms="immunotherapies",
    ),
    Term(
        "Lymphocytes",
        "lymphocytes",
        "An important part of the immune system are certain white blood cells called "
        "lymphocytes. Two types of lymphocytes are B cells and T cells.",
    ),
    Term("B cells", "b-cells", "B cells make antibodies.", other_forms="B cell"),
    Term(
        "T cells",
        "t-cells",
        "T cells are vital in identifying and killing cells with infection and in regulating "
        "other aspects of the immune response.",
        other_forms="T cell",
    ),
    Term(
        "Immunoglobulins",
        "immunoglobulins",
        "Immunoglobulins are antibodies that impact many components of the immune system "
        "activities.",
        other_forms="immunoglobulin",
    ),
    Term(
        "Plasma exchange",
        "plasma-exchange",
        "The process of plasma exchange involves “cleaning” the blood by removing some of its "
        "liquid plasma which contains antibodies. Then the rest of the patient’s blood is "
        "returned to the patient with either donated plasma or albumin to replace some of what "
        "was removed.",
    ),
    Term(
        "Stem cells",
        "stem-cells",
        "Stem cells are normal cells which have the unique ability to form many other types of "
        "cells.",
        other_forms="stem cell",
    ),
    Term(
        "Autologous",
        "autologous",
        "These transplants are a multi-step, complicated process where the person with the "
        "autoimmune disease becomes their own stem cell donor (autologous).",
    ),
    Term(
        "SNRI",
        "snri",
        "Medications in the SNRI category (serotonin and norepinephrine re-uptake inhibitors) "
        "can exacerbate SPS symptoms.",
        expansion="serotonin and norepinephrine re-uptake inhibitors",
    ),
    Term(
        "SSRI",
        "ssri",
        "Medications in the SSRI category (selective serotonin re-uptake inhibitors) are "
        "thought to be safe for people with SPS.",
        expansion="selective serotonin re-uptake inhibitors",
    ),
]
