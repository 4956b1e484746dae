"""`load_treatment_guide` builds the tree once and never tramples an editor's work."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from treatments.loading import load_treatment_guide
from treatments.models import (
    GuideSettings,
    HomePage,
    TherapyCategoryPage,
    TreatmentGuidePage,
    TreatmentPage,
)


def tree():
    return [
        (page.path, page.title, page.content_type.model, page.live)
        for page in Page.objects.order_by("path").select_related("content_type")
    ]


def test_loading_twice_gives_the_same_tree(guide):
    first, revisions = tree(), Page.objects.filter(latest_revision__isnull=False).count()
    report = load_treatment_guide()
    assert tree() == first
    assert report.created == []
    assert Page.objects.filter(latest_revision__isnull=False).count() == revisions


def test_loader_builds_the_guide_as_the_site_root(empty_site):
    load_treatment_guide()
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert TreatmentGuidePage.objects.child_of(home).get().url == "/treatments/"
    assert TreatmentPage.objects.live().count() == 20
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()


def test_loaded_pages_have_a_published_revision_in_their_history(guide):
    baclofen = TreatmentPage.objects.get(slug="baclofen")
    assert baclofen.revisions.count() == 1
    assert baclofen.live_revision_id == baclofen.latest_revision_id


def test_an_edited_page_survives_a_reload(guide):
    editor = get_user_model().objects.create_user("editor", password="x")
    page = TreatmentPage.objects.get(slug="baclofen")
    page.regimen = "Edited by staff"
    page.save_revision(user=editor).publish()

    report = load_treatment_guide()

    page.refresh_from_db()
    assert page.regimen == "Edited by staff"
    assert ("Baclofen", "edited by editor since loading") in report.skipped


def test_a_page_removed_from_the_running_guide_is_not_republished_unreviewed(guide):
    count = Page.objects.count()
    TreatmentPage.objects.get(slug="rituximab").delete()
    TreatmentPage.objects.filter(slug="tizanidine").update(slug="tizanidine-renamed")

    report = load_treatment_guide()

    assert report.created == []
    assert set(report.missing) == {"Rituximab", "Tizanidine"}
    assert Page.objects.count() == count - 1
    assert not TreatmentPage.objects.filter(slug="rituximab").exists()


def test_command_reports_what_it_created_and_skipped(empty_site, capsys):
    call_command("load_treatment_guide")
    assert "Created 31 pages." in capsys.readouterr().out
    call_command("load_treatment_guide")
    assert "Created 0 pages." in capsys.readouterr().out


def test_structured_fields_are_transcribed_from_the_seed(guide):
    mycophenolate = TreatmentPage.objects.get(slug="mycophenolate-mofetil")
    assert mycophenolate.brand_name_list == ["CellCept", "Myfortic"]
    assert [route.slug for route in mycophenolate.routes.all()] == ["oral"]
    baclofen = TreatmentPage.objects.get(slug="baclofen")
    assert {route.slug for route in baclofen.routes.all()} == {"oral", "intrathecal-pump"}
    stem_cell = TreatmentPage.objects.get(slug="autologous-stem-cell-transplant")
    assert stem_cell.kind == "procedure"
    assert stem_cell.cautions == "The procedure itself is complicated and considered high risk."
    second_line = TherapyCategoryPage.objects.get(slug="second-line")
    assert second_line.line_of_therapy == "second"
    # The seed gives no route for diazepam: the field stays empty rather than guessed.
    assert not TreatmentPage.objects.get(slug="diazepam").routes.exists()


def test_disclaimer_is_a_site_setting_an_editor_can_change(guide):
    site = Site.objects.get(is_default_site=True)
    settings = GuideSettings.for_site(site)
    assert settings.disclaimer.startswith("The content of this Website is provided")
    settings.disclaimer = "Edited disclaimer"
    settings.save()
    load_treatment_guide()
    assert GuideSettings.for_site(site).disclaimer == "Edited disclaimer"
