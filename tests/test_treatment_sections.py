"""Every treatment page reads the same way: key facts, about, cautions, more in the category,
review line, who wrote the guide; each section only with content; labels as the seed says."""

import html
import re

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from medical_review.gate import seed_publication
from tests import seed_text
from tests.factories import TherapyCategoryPageFactory, TreatmentPageFactory
from tests.page_text import visible_text
from tests.review_support import ATTESTED, workflow_action
from treatments.content import guide as content
from treatments.loading import GuideLoader, Seed, SeedMismatch
from treatments.models import (
    AdministrationRoute,
    GuidePerson,
    Person,
    TherapyCategoryPage,
    TreatmentGuidePage,
    TreatmentPage,
)

# The markers of each section, in the order every treatment page has them.
SECTIONS = [
    ("key facts", 'id="key-facts-heading"'),
    ("about", 'id="about-heading"'),
    ("important", 'id="cautions-heading"'),
    ("more in this category", 'id="more-in-category-heading"'),
    ("review line", 'class="review-status"'),
    ("who wrote the guide", 'id="people-heading"'),
]
GUIDE_CAUTIONS = [
    "All of these medications have significant risks and side effects which may cause other "
    "problems or limit the use of any of these medications.",
    "These medications must be prescribed and monitored closely by a physician who has "
    "expertise in their use and management.",
]
NARCOTICS_NOTE = (
    "Other types of pain relievers including narcotics and anesthetic agents are infrequently "
    "used and have a limited role in pain management of SPS. Some of these medications can "
    "make treatment with the main drugs more difficult."
)
MOOD_NOTE = (
    "Medications in the SNRI category (serotonin and norepinephrine re-uptake inhibitors) can "
    "exacerbate SPS symptoms. Medications in the SSRI category (selective serotonin re-uptake "
    "inhibitors) are thought to be safe for people with SPS."
)
UNSUPPORTED_LABELS = ["Not stated", "Intrathecal", "Central line or port"]


def normalised(text):
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def seed_says(text):
    return normalised(text) in normalised(seed_text.SEED.read_text(encoding="utf-8"))


def main_of(response):
    page = response.content.decode()
    return page[page.index('<main id="main"') : page.index("</main>")]


def sections_present(markup):
    return [name for name, marker in SECTIONS if marker in markup]


def section(markup, heading_id):
    start = markup.index(f'id="{heading_id}"')
    return markup[start : markup.index("</section>", start)]


def cautions_on(markup):
    """(text, link) of each caution in the page's "Important: read before use" section."""
    if 'id="cautions-heading"' not in markup:
        return []
    items = re.findall(r"<li\b[^>]*>(.*?)</li>", section(markup, "cautions-heading"), re.S)
    found = []
    for item in items:
        quoted = re.search(r"<blockquote[^>]*>\s*<p>(.*?)</p>", item, re.S).group(1)
        link = re.search(r'<a href="([^"]+)"', item)
        found.append((normalised(quoted), html.unescape(link.group(1)) if link else ""))
    return found


def treatment_pages():
    return list(TreatmentPage.objects.live().order_by("path"))


@pytest.mark.django_db
def test_every_treatment_page_has_its_sections_in_the_same_order(guide, client):
    for treatment in treatment_pages():
        markup = main_of(client.get(treatment.url))
        present = sections_present(markup)
        positions = [markup.index(marker) for name, marker in SECTIONS if name in present]
        assert positions == sorted(positions), f"{treatment.title}: sections out of order"
        # Every loaded treatment has facts, other treatments beside it, the review line and
        # its guide's contributors; only some have a body, and cautions only those the seed's
        # cautions scope ("these medications", not the procedures; the transplant's own).
        assert {"key facts", "review line", "who wrote the guide"} <= set(present)
        assert "important" in present or treatment.slug == "plasma-exchange", treatment.title
        assert ("about" in present) == bool(treatment.body), treatment.title
        if TreatmentPage.objects.sibling_of(treatment, inclusive=False).live().exists():
            assert "more in this category" in present, treatment.title


@pytest.mark.django_db
def test_sections_without_content_are_left_out(guide, client):
    guide.cautions = []
    with seed_publication():  # a guide published without cautions
        guide.save()
    GuidePerson.objects.filter(page=guide).delete()
    category = TherapyCategoryPageFactory(parent=guide, title="Lonely category", slug="lonely")
    alone = TreatmentPageFactory(parent=category, title="Lonely treatment", slug="alone")

    markup = main_of(client.get(alone.url))

    assert sections_present(markup) == ["key facts", "review line"]
    text = visible_text(client.get(alone.url))
    for heading in ["About this treatment", "Important: read before use", "More in this"]:
        assert heading not in text
    assert "Who wrote this guide" not in text
    assert "Line of therapy" not in text and "How it is given" not in text


@pytest.mark.django_db
def test_each_treatment_quotes_the_guides_cautions_word_for_word_with_links_that_work(
    guide, client
):
    targets = {}
    for treatment in treatment_pages():
        cautions = cautions_on(main_of(client.get(treatment.url)))
        texts = [text for text, _link in cautions]
        for caution in GUIDE_CAUTIONS:
            # "these medications": said of the medications, not of the procedures.
            shown = treatment.kind == "medication"
            assert (caution in texts) == shown, f"{treatment.title}: {caution[:30]!r}"
        for text, link in cautions:
            assert seed_says(text), f"{treatment.title}: the seed does not say {text!r}"
            if link:
                targets.setdefault(link, set()).add(text)
    for link, texts in targets.items():
        path, anchor = link.split("#")
        response = client.get(path)
        assert response.status_code == 200
        said_there = re.search(rf'<li id="{anchor}">(.*?)</li>', main_of(response), re.S)
        assert said_there, f"{path} has no #{anchor}"
        for text in texts:
            assert text in normalised(re.sub(r"<[^>]+>", " ", said_there.group(1)))


@pytest.mark.django_db
def test_the_narcotics_note_is_said_once_on_its_section_and_is_no_caution(guide, client):
    section_page = TherapyCategoryPage.objects.get(slug="symptomatic-relief")
    anti_seizure = TherapyCategoryPage.objects.get(slug="anti-seizure-medication")
    for treatment in TreatmentPage.objects.live().descendant_of(section_page):
        assert NARCOTICS_NOTE not in dict(cautions_on(main_of(client.get(treatment.url))))
    assert NARCOTICS_NOTE not in normalised(visible_text(client.get(anti_seizure.url)))
    text = normalised(visible_text(client.get(section_page.url)))
    assert text.count("Other types of pain") == 1 and NARCOTICS_NOTE in text
    assert cautions_on(main_of(client.get(section_page.url))) == []


@pytest.mark.django_db
def test_the_anxiety_page_carries_the_snri_and_ssri_note(client, guide):
    anxiety = TherapyCategoryPage.objects.get(slug="anxiety-and-depression")
    cautions = cautions_on(main_of(client.get(anxiety.url)))
    assert len(cautions) == 1 and cautions[0][1] == ""
    assert MOOD_NOTE in cautions[0][0] and seed_says(cautions[0][0])
    assert 'id="caution-antidepressants"' in client.get(anxiety.url).content.decode()


@pytest.mark.django_db
def test_the_overview_says_each_guide_caution_once_with_its_id(client, guide):
    overview = client.get(guide.url).content.decode()
    text = normalised(visible_text(client.get(guide.url)))
    for caution in GUIDE_CAUTIONS:
        assert text.count(caution) == 1
    for anchor in ("risks", "monitoring"):
        assert f'id="caution-{anchor}"' in overview


@pytest.mark.django_db
def test_a_caution_the_seed_does_not_say_is_refused():
    loader = GuideLoader(Seed.from_file())
    made_up = content.Caution("made-up", content.Quote("Grapefruit makes every drug safe."))
    with pytest.raises(SeedMismatch):
        loader._cautions([made_up], Seed.from_file().paragraphs)


@pytest.mark.django_db
def test_a_caution_placed_where_the_seed_does_not_scope_it_is_refused():
    loader = GuideLoader(Seed.from_file())
    seed = Seed.from_file()
    anti_seizure = seed.section(
        "Anti-seizure Medication (may help with pain management)", loader.headings
    )
    note = content.Caution("narcotics", content.NARCOTICS_NOTE)
    with pytest.raises(SeedMismatch, match="a note of the seed"):
        loader._cautions([note], anti_seizure)
    mood = content.Caution("mood", content.Para("Medication choices should be coordinated"))
    with pytest.raises(SeedMismatch, match="not in the part of the seed"):
        loader._cautions([mood], anti_seizure)
    risks = content.Caution("risks", content.GUIDE_CAUTIONS[0].text)
    with pytest.raises(SeedMismatch, match="speaks of medications"):
        loader._cautions([risks], seed.paragraphs)


@pytest.mark.django_db
def test_more_in_this_category_lists_the_live_public_siblings_in_order(client, guide):
    baclofen = TreatmentPage.objects.get(slug="baclofen")
    TreatmentPage.objects.get(slug="tizanidine").unpublish()
    PageViewRestriction.objects.create(
        page=TreatmentPage.objects.get(slug="methocarbamol"),
        restriction_type=PageViewRestriction.PASSWORD,
        password="x",
    )
    # An alias beside it of a page in a private section is left out too, a public one listed.
    private = TherapyCategoryPageFactory(parent=guide, title="Private", slug="private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    hidden = TreatmentPageFactory(parent=private, title="Hidden treatment", slug="hidden")
    hidden.create_alias(parent=baclofen.get_parent(), update_slug="hidden-alias")
    TreatmentPage.objects.get(slug="rituximab").create_alias(
        parent=baclofen.get_parent(), update_slug="rituximab-alias"
    )

    markup = main_of(client.get(baclofen.url))

    listed = re.findall(r">([^<]+)</a></li>", section(markup, "more-in-category-heading"))
    assert listed == [
        "Diazepam",
        "Clonazepam",
        "Botox injections",
        "Dantrolene",
        "Rituximab",
    ]
    assert "More in this category: Muscle Relaxants" in visible_text(client.get(baclofen.url))


def public_urls():
    urls = [page.url for page in Page.objects.live().filter(depth__gt=1)]
    return [
        *urls,
        "/treatments/at-a-glance/",
        "/treatments/at-a-glance/?sort=line",
        "/treatments/at-a-glance/?sort=route&dir=desc",
        "/api/v2/pages/?type=treatments.TreatmentPage&fields=routes,administration,regimen",
        "/search/?q=pump",
    ]


@pytest.mark.django_db
def test_no_label_the_seed_does_not_support_is_shown_anywhere(client, guide):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode().casefold()
        for label in UNSUPPORTED_LABELS:
            assert label.casefold() not in body, f"{url} says {label!r}"
    for route in AdministrationRoute.objects.all():
        assert seed_says(route.name.lower()) or seed_says(route.name), route.name


@pytest.mark.django_db
def test_only_the_seeds_contributors_are_credited_as_it_names_them(client, guide):
    credited = [credit.person for credit in guide.people.select_related("person")]
    assert [person.name for person in credited] == seed_text.contributors()
    assert all(credit.credit == "contributor" for credit in guide.people.all())
    rituximab = TreatmentPage.objects.get(slug="rituximab")
    people = section(main_of(client.get(rituximab.url)), "people-heading")
    assert "Marinos Dalakas" not in people
    assert "Tara Zier, DDS and SPS patient" in normalised(people)
    assert "Jim Weiss, MD" in people and "Vered Lewy-Weiss, MD" in people
    # He is named as the seed names him: the speaker of IVIg's video.
    ivig = visible_text(client.get(TreatmentPage.objects.get(slug="ivig").url))
    assert "SPSRF Medical Advisory Board Member, Marinos Dalakas, discusses IVIg" in ivig
    assert "Who wrote this guide" in ivig


def put_back_the_old_labels(guide):
    """The database as the loader left it before the labels were corrected."""
    with seed_publication():  # the older loader published these labels
        pump = AdministrationRoute.objects.get(slug="implantable-pump")
        pump.slug, pump.name = "intrathecal-pump", "Intrathecal pump"
        pump.save()
        central = AdministrationRoute.objects.create(
            slug="central-line-or-port", name="Central line or port", sort_order=5
        )
        intravenous = AdministrationRoute.objects.get(slug="intravenous")
        plasma = TreatmentPage.objects.get(slug="plasma-exchange")
        plasma.routes.add(central)
        plasma.save()
        plasma.save_revision()
        dantrolene = TreatmentPage.objects.get(slug="dantrolene")
        dantrolene.administration = ""
        dantrolene.regimen = "First doses usually given intravenously in a hospital"
        dantrolene.routes.add(intravenous)
        dantrolene.save()
        dantrolene.save_revision()
        advisor = Person.objects.create(
            name="Marinos Dalakas", role="SPSRF Medical Advisory Board Member"
        )
        guide.people.add(GuidePerson(person=advisor, credit=GuidePerson.MEDICAL_ADVISOR))
        guide.save()
        guide.save_revision()
        Person.objects.filter(name="Tara Zier").update(role="Contributor and SPS patient")
        Person.objects.filter(name="Jim Weiss").update(role="Contributor")


def migration_step():
    """The data migration's step. A migration runs on historical models, which carry no model
    methods and so write past the gate (the audit checks what it leaves); run here on the real
    models, it runs as the loader does."""
    module = __import__(
        "treatments.migrations.0008_route_labels_and_credits_from_seed", fromlist=["x"]
    )

    def step(apps, schema_editor):
        with seed_publication():
            module.correct_labels(apps, schema_editor)

    return step


@pytest.mark.django_db
def test_the_data_migration_corrects_a_guide_loaded_with_the_old_labels(client, guide):
    put_back_the_old_labels(guide)
    baclofen = TreatmentPage.objects.get(slug="baclofen")
    assert "Intrathecal pump" in client.get(baclofen.url).content.decode()

    migration_step()(apps, None)
    migration_step()(apps, None)  # and again: nothing more changes

    assert list(TreatmentPage.objects.get(slug="baclofen").routes.values_list("slug", "name")) == [
        ("oral", "Oral"),
        ("implantable-pump", "Infused into the spine with an implantable pump"),
    ]
    assert not AdministrationRoute.objects.filter(slug="central-line-or-port").exists()
    plasma = TreatmentPage.objects.get(slug="plasma-exchange")
    assert not plasma.routes.exists()
    assert plasma.get_latest_revision_as_object().routes.count() == 0
    dantrolene = TreatmentPage.objects.get(slug="dantrolene")
    assert not dantrolene.routes.exists()
    draft = dantrolene.get_latest_revision_as_object()
    assert (draft.administration, draft.regimen) == (dantrolene.administration, "")
    assert "First doses usually given intravenously" in dantrolene.administration
    assert not draft.routes.exists()
    guide = TreatmentGuidePage.objects.get()
    assert not guide.people.filter(person__name="Marinos Dalakas").exists()
    assert not [
        credit
        for credit in guide.get_latest_revision_as_object().people.all()
        if credit.person.name == "Marinos Dalakas"
    ]
    assert Person.objects.get(name="Tara Zier").role == "SPS patient"
    assert Person.objects.get(name="Jim Weiss").role == ""

    for url in [baclofen.url, plasma.url, dantrolene.url, guide.url, "/treatments/at-a-glance/"]:
        page = client.get(url + "?uncached=1").content.decode()
        assert "Intrathecal" not in page and "Central line or port" not in page
        assert "Marinos Dalakas" not in page
    assert "How it is given First doses usually given intravenously in a hospital" in (
        visible_text(client.get(dantrolene.url + "?uncached=1"))
    )


@pytest.mark.django_db
def test_the_data_migration_leaves_an_editors_own_route_names_alone(guide):
    pump = AdministrationRoute.objects.get(slug="implantable-pump")
    pump.slug, pump.name = "intrathecal-pump", "Spinal pump (edited)"
    with seed_publication():  # live, as an earlier reviewed edit left it
        pump.save()

    migration_step()(apps, None)

    assert AdministrationRoute.objects.get(pk=pump.pk).name == "Spinal pump (edited)"


def category_form_data(category, cautions):
    """What the page editor posts for a category with these (text, anchor) cautions."""
    return nested_form_data(
        {
            "title": category.title,
            "slug": category.slug,
            "intro": rich_text(category.intro),
            "approach": category.approach,
            "line_of_therapy": category.line_of_therapy,
            "seo_title": "",
            "search_description": "",
            "cautions": streamfield(
                [
                    ("caution", {"text": text, "anchor": anchor, "said_on": ""})
                    for text, anchor in cautions
                ]
            ),
            "sources": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


@pytest.mark.django_db
def test_a_caution_an_editor_adds_reaches_the_treatments_below_only_once_approved(
    client, users, guide
):
    category = TherapyCategoryPage.objects.get(slug="second-line")
    rituximab = TreatmentPage.objects.get(slug="rituximab")
    caution = "Made-up caution for a test, not medical advice."
    client.force_login(users["editor"])
    data = category_form_data(category, [(caution, "made-up")])
    data["action-submit"] = "1"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[category.pk]), data)
    assert response.status_code == 302
    client.logout()
    assert caution not in visible_text(client.get(rituximab.url + "?uncached=1"))

    client.force_login(users["advisor"])
    assert workflow_action(client, category, "approve", ATTESTED).status_code in (200, 302)
    client.logout()

    cautions = dict(cautions_on(main_of(client.get(rituximab.url + "?uncached=1"))))
    assert cautions[caution] == category.url + "#caution-made-up"
    assert 'id="caution-made-up"' in client.get(category.url + "?uncached=1").content.decode()


@pytest.mark.django_db
def test_a_caution_with_a_bad_address_is_a_form_error(client, users, guide):
    category = TherapyCategoryPage.objects.get(slug="second-line")
    client.force_login(users["editor"])
    data = category_form_data(category, [("Made-up caution.", "Not an id!")])
    response = client.post(reverse("wagtailadmin_pages:edit", args=[category.pk]), data)
    assert response.status_code == 200
    assert "Use lower-case letters, digits and hyphens only." in response.content.decode()


@pytest.mark.django_db
def test_editors_see_the_cautions_in_the_page_editor(client, users, guide):
    client.force_login(users["editor"])
    anxiety = TherapyCategoryPage.objects.get(slug="anxiety-and-depression")
    for page, caution in [(guide, GUIDE_CAUTIONS[0]), (anxiety, MOOD_NOTE)]:
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
        assert caution in html.unescape(response.content.decode())
