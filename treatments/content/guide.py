"""The guide's structure, transcribed from `treatments-for-sps.txt` beside this file.

Every text here is a quotation of the seed, case for case: `Quote` values occur in it word for
word, starting and ending at word boundaries, and `Para` values name a seed paragraph by its
opening words and are replaced by the whole paragraph (less those words when `after=True`).
Titles, names, brand names and route names are quotations too. The loader checks them all
(treatments.exactness), so nothing reaches the site that the seed does not say. Classifications
(route, kind, approach, line of therapy) are the transcriber's reading of the seed's wording;
`kind` is not shown to readers, as the seed names no treatment's type.

Each seed sentence lands in one place. A treatment's facts (`administration`, `targets`,
`regimen`, `cautions`) quote whole sentences, and the loader leaves those sentences out of
the body paragraphs they come from; a fact that quotes part of a body sentence is refused.
A paragraph whose sentences lean on each other ("the catheter", "this could involve") stays
whole in the body. The cautions of the guide and of a category (`Caution`) are said on that
page, in its "Important: read before use" section, and apply to the treatments below it that
the seed's words scope them to: "these medications" to the medications, not the procedures.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Quote:
    text: str


@dataclass(frozen=True)
class Para:
    opening: str
    after: bool = False  # drop the opening words (a name in front of the paragraph)
    italic: bool = False


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Caution:
    """A caution of the seed, said on a page and shown on the treatments below it it applies to."""

    anchor: str  # the id of the caution on the page that says it: `#caution-<anchor>`
    text: Quote | Para
    applies_to: str = ""  # "" every treatment below; "medication" the medications below


@dataclass
class Treatment:
    title: str
    slug: str
    kind: str
    generic_name: str = ""
    also_known_as: str = ""
    brand_names: list = field(default_factory=list)
    drug_class: Quote | None = None
    routes: list = field(default_factory=list)
    administration: Quote | None = None
    targets: Quote | None = None
    regimen: Quote | None = None
    cautions: Quote | None = None
    body: list = field(default_factory=list)
    video: dict | None = None


@dataclass
class Category:
    title: str
    slug: str
    approach: str
    line_of_therapy: str = ""
    intro: list = field(default_factory=list)
    cautions: list = field(default_factory=list)
    children: list = field(default_factory=list)


# (name, slug): each name is the seed's own words for the way a medicine is given.
ROUTES = [
    ("Oral", "oral"),
    ("Intravenous", "intravenous"),
    ("infused into the spine with an implantable pump which requires surgery", "implantable-pump"),
    ("Subcutaneous", "subcutaneous"),
]

GUIDE_TITLE = "Treatments for SPS"
GUIDE_SUBTITLE = "Medications and Treatments for SPS"
# The work each page the loader makes is transcribed from, listed as its source: the seed's
# title and its publisher. The seed names no address and no date, so the source has none.
SEED_SOURCE_TITLE = GUIDE_TITLE
SEED_SOURCE_PUBLISHER = "SPS Research Foundation"
GUIDE_INTRO = [
    Heading("Treatment is Focused on Relief from Symptoms"),
    Para("Treatment currently focuses on relief"),
    Heading("Effectiveness of Treatments Vary"),
    Para("People with SPS have very different responses"),
    Heading("There is No Cure for SPS"),
    Para("There is currently no cure for SPS."),
    Para("The specific details of how each medication works"),
    Para("All of these medications have significant risks"),
]
# Said on the guide's overview and shown on the medications' pages ("these medications": the
# examples of the medication categories listed below them); the loader leaves these sentences
# out of GUIDE_INTRO, so each is said once.
GUIDE_CAUTIONS = [
    Caution(
        "risks",
        Quote(
            "All of these medications have significant risks and side effects which may cause "
            "other problems or limit the use of any of these medications."
        ),
        applies_to="medication",
    ),
    Caution(
        "monitoring",
        Quote(
            "These medications must be prescribed and monitored closely by a physician who has "
            "expertise in their use and management."
        ),
        applies_to="medication",
    ),
]
# The seed's note after the anti-seizure list, on pain relievers other than those listed: said
# on the section it closes, never as a caution of the anti-seizure medications.
NARCOTICS_NOTE = Para("*Other types of pain relievers", italic=True)

# Seed text the guide does not show, each with the reason. The seed's list after "include:"
# is empty, so the sentence would end on a colon with nothing after it.
NOT_SHOWN = {
    "Other therapies which may help with SPS muscle spasms or pain include:": (
        "introduces a list the seed leaves empty"
    ),
}

CONTRIBUTORS_OPENING = "Contributors to this document include:"
DISCLAIMER_OPENING = "Disclaimer:"

# (name, credentials, role) as the seed's contributors line writes them: "Tara Zier, DDS and
# SPS patient". The seed names no advisor of the guide (Marinos Dalakas is named only as the
# speaker of IVIg's video, and its caption says so).
CONTRIBUTORS = [
    ("Jim Weiss", "MD", ""),
    ("Vered Lewy-Weiss", "MD", ""),
    ("Tara Zier", "DDS", "SPS patient"),
]


def _medication(title, brands=(), **kwargs):
    return Treatment(
        title=title,
        slug=title.lower().replace(" ", "-"),
        kind="medication",
        generic_name=title,
        brand_names=list(brands),
        **kwargs,
    )


CATEGORIES = [
    Category(
        "Symptomatic Relief for Muscle Spasms and Pain",
        "symptomatic-relief",
        approach="symptomatic",
        intro=[NARCOTICS_NOTE],
        children=[
            Category(
                "Muscle Relaxants",
                "muscle-relaxants",
                approach="symptomatic",
                children=[
                    _medication(
                        "Baclofen",
                        ["Lioresal"],
                        routes=["oral", "implantable-pump"],
                        administration=Quote(
                            "May be given orally or directly infused into the spine with an "
                            "implantable pump which requires surgery."
                        ),
                    ),
                    # The seed lists these two inside "Benzodiazepine group including diazepam
                    # (Valium), clonazepam (Klonopin)": as titles, they start with a capital
                    # (treatments.exactness.CAPITALISED_NAMES).
                    _medication("Diazepam", ["Valium"], drug_class=Quote("Benzodiazepine")),
                    _medication("Clonazepam", ["Klonopin"], drug_class=Quote("Benzodiazepine")),
                    _medication("Tizanidine", ["Zanaflex"]),
                    _medication("Methocarbamol", ["Robaxin"]),
                    Treatment(
                        title="Botox injections",
                        slug="botulinum-toxin-injections",
                        kind="medication",
                        body=[Quote("paralyze muscles around the site of injection")],
                    ),
                    _medication(
                        "Dantrolene",
                        ["Dantrium"],
                        # Only the first doses: the seed gives no route for the medicine.
                        administration=Quote(
                            "first doses usually given intravenously in a hospital"
                        ),
                    ),
                ],
            ),
            Category(
                "Anti-seizure Medication (may help with pain management)",
                "anti-seizure-medication",
                approach="symptomatic",
                children=[
                    _medication("Gabapentin", ["Neurontin"]),
                    _medication("Pregabalin", ["Lyrica"]),
                    _medication("Tiagabine", ["Gabatril"]),
                    _medication("Valproate", ["Depakote"]),
                ],
            ),
        ],
    ),
    Category(
        "Management of Anxiety and Depression",
        "anxiety-and-depression",
        approach="other",
        intro=[Para("Anxiety and depression are often part of SPS.")],
        cautions=[Caution("antidepressants", Para("Medication choices should be coordinated"))],
    ),
    Category(
        "Immunotherapies used in SPS",
        "immunotherapies",
        approach="immunotherapy",
        intro=[
            Para("Immunotherapy is the use of medications"),
            Para("An important part of the immune system"),
            Para("Certain subsets of B cells and T cells"),
        ],
        children=[
            Category(
                "“First Line” Immunotherapies",
                "first-line",
                approach="immunotherapy",
                line_of_therapy="first",
                children=[
                    Treatment(
                        title="Intravenous immunoglobulins (IVIg)",
                        slug="ivig",
                        kind="medication",
                        generic_name="Intravenous immunoglobulins",
                        also_known_as="IVIg",
                        routes=["intravenous"],
                        body=[Para("Intravenous immunoglobulins (IVIg)", after=True)],
                        video={
                            "title": "IVIg therapies in GAD+ SPS patients",
                            "caption": Para("SPSRF Medical Advisory Board Member"),
                        },
                    ),
                    Treatment(
                        title="Subcutaneous immunoglobulin (SCIG)",
                        slug="scig",
                        kind="medication",
                        generic_name="Subcutaneous immunoglobulin",
                        also_known_as="SCIG",
                        routes=["subcutaneous"],
                        # Whole: "this could involve multiple infusion sites" speaks of the pump.
                        body=[Para("Subcutaneous immunoglobulin (SCIG)", after=True)],
                    ),
                    Treatment(
                        title="Intravenous methylprednisolone",
                        slug="iv-methylprednisolone",
                        kind="medication",
                        brand_names=["Solu-Medrol"],
                        routes=["intravenous"],
                        regimen=Quote(
                            "This immunotherapy is usually a short course of high dose "
                            "intravenous steroids which are used for the management of some "
                            "autoimmune disorders. It is sometimes followed by a more "
                            "prolonged course of oral steroids (prednisolone or prednisone) "
                            "that is often slowly tapered over weeks."
                        ),
                        body=[Para("Intravenous methylprednisolone (Solu-Medrol)", after=True)],
                    ),
                    Treatment(
                        title="Plasma exchange (PLEX)",
                        slug="plasma-exchange",
                        kind="procedure",
                        generic_name="Plasma exchange",
                        also_known_as="PLEX, plasmapheresis",
                        # The steps stay whole in the body: the catheter, the removal of plasma
                        # and the return of the blood are one account.
                        regimen=Quote(
                            "A typical course of plasmapheresis might be 5 – 7 treatments done "
                            "every other day. For those who respond, it may then be done less "
                            "often as an ongoing maintenance therapy."
                        ),
                        body=[Para("Plasma exchange (PLEX) or plasmapheresis", after=True)],
                    ),
                ],
            ),
            Category(
                "“Second Line” Immunotherapies",
                "second-line",
                approach="immunotherapy",
                line_of_therapy="second",
                intro=[Para("These are the immunotherapies with B cells")],
                children=[
                    _medication(
                        "Rituximab",
                        routes=["intravenous"],
                        targets=Quote("Depletes B cells."),
                        administration=Quote(
                            "It is given by intravenous infusion using different regimens."
                        ),
                        regimen=Quote(
                            "One typical course would be to give two doses, two weeks apart, "
                            "repeating about every 6 months."
                        ),
                    ),
                    _medication(
                        "Cyclophosphamide",
                        ["Cytoxan"],
                        routes=["intravenous"],
                        body=[
                            Quote(
                                "Targets B cells and T cells, given by intravenous infusion with "
                                "various protocols."
                            )
                        ],
                    ),
                    _medication(
                        "Mycophenolate mofetil",
                        ["CellCept", "Myfortic"],
                        routes=["oral"],
                        body=[
                            Quote(
                                "Oral medication which has been used as additional immunotherapy "
                                "to decrease B cell and T cell growth."
                            )
                        ],
                    ),
                    _medication(
                        "Azathioprine",
                        ["Imuran"],
                        routes=["oral"],
                        body=[Quote("Orally administered, decreases number of B and T cells.")],
                    ),
                ],
            ),
            Treatment(
                title="Autologous stem cell transplants",
                slug="autologous-stem-cell-transplant",
                kind="procedure",
                cautions=Quote("The procedure itself is complicated and considered high risk."),
                body=[
                    Para("Autologous stem cell transplants", after=True),
                    Para("There are many important questions requiring further research"),
                ],
            ),
        ],
    ),
]
