"""Routes and credits as the seed gives them, on a guide loaded before they were corrected.

- The route "Intrathecal pump" becomes "Infused into the spine with an implantable pump"
  (slug `implantable-pump`), the seed's words for baclofen's pump.
- "Central line or port" is not a way of giving a medicine (the seed says a catheter or port
  is placed for plasma exchange): the route goes, and with it plasma exchange's link to it.
- Dantrolene loses the route "Intravenous" (the seed says only that its first doses are
  usually given intravenously in a hospital), and that sentence moves from its regimen to
  how it is given.
- Marinos Dalakas is no longer credited on the guide: the seed names him only as the
  speaker of IVIg's video, whose caption says so. His Person snippet stays.
- The contributors' roles are the seed's: none for Jim Weiss and Vered Lewy-Weiss, "SPS
  patient" for Tara Zier ("Tara Zier, DDS and SPS patient").

Route names are a list of the guide's own, not a page's reviewed text; the credit and the
dantrolene fields are corrections of the transcription, not new medical text. Each change is
made only where the value is still the one the loader wrote, to the live rows and to the
pages' stored revisions alike (so an editor's next draft does not bring the old value
back); review records are left as they are.
"""

from django.db import migrations

OLD_PUMP = ("intrathecal-pump", "Intrathecal pump")
NEW_PUMP = ("implantable-pump", "Infused into the spine with an implantable pump")
CENTRAL_LINE = ("central-line-or-port", "Central line or port")
DANTROLENE_SENTENCE = "First doses usually given intravenously in a hospital"
ADVISOR = ("Marinos Dalakas", "SPSRF Medical Advisory Board Member")
ROLES = {
    ("Jim Weiss", "Contributor"): "",
    ("Vered Lewy-Weiss", "Contributor"): "",
    ("Tara Zier", "Contributor and SPS patient"): "SPS patient",
}


def _revisions(apps, model_name, page_id):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="treatments", model=model_name).first()
    if content_type is None:
        return Revision.objects.none()
    return Revision.objects.filter(content_type=content_type, object_id=str(page_id))


def _drop_route_from_revisions(apps, page_ids, route_id):
    for page_id in page_ids:
        for revision in _revisions(apps, "treatmentpage", page_id):
            routes = revision.content.get("routes")
            if isinstance(routes, list) and route_id in routes:
                revision.content["routes"] = [pk for pk in routes if pk != route_id]
                revision.save(update_fields=["content"])


def rename_pump(apps):
    Route = apps.get_model("treatments", "AdministrationRoute")
    old = Route.objects.filter(slug=OLD_PUMP[0], name=OLD_PUMP[1]).first()
    if old is None:
        return
    new = Route.objects.filter(slug=NEW_PUMP[0]).first()
    if new is None:
        old.slug, old.name = NEW_PUMP
        old.save(update_fields=["slug", "name"])
        return
    # The new route exists already (loaded by a newer loader): its pages take it instead.
    Link = apps.get_model("treatments", "TreatmentPage").routes.through
    for link in Link.objects.filter(administrationroute=old):
        Link.objects.get_or_create(treatmentpage_id=link.treatmentpage_id, administrationroute=new)
        for revision in _revisions(apps, "treatmentpage", link.treatmentpage_id):
            routes = revision.content.get("routes")
            if isinstance(routes, list) and old.pk in routes:
                revision.content["routes"] = list(
                    dict.fromkeys(new.pk if pk == old.pk else pk for pk in routes)
                )
                revision.save(update_fields=["content"])
    old.delete()


def remove_central_line(apps):
    Route = apps.get_model("treatments", "AdministrationRoute")
    route = Route.objects.filter(slug=CENTRAL_LINE[0], name=CENTRAL_LINE[1]).first()
    if route is None:
        return
    Link = apps.get_model("treatments", "TreatmentPage").routes.through
    page_ids = list(
        Link.objects.filter(administrationroute=route).values_list("treatmentpage_id", flat=True)
    )
    _drop_route_from_revisions(apps, page_ids, route.pk)
    route.delete()


def correct_dantrolene(apps):
    TreatmentPage = apps.get_model("treatments", "TreatmentPage")
    Route = apps.get_model("treatments", "AdministrationRoute")
    Link = TreatmentPage.routes.through
    intravenous = Route.objects.filter(slug="intravenous").first()
    for page in TreatmentPage.objects.filter(slug="dantrolene"):
        if page.regimen == DANTROLENE_SENTENCE and not page.administration:
            page.regimen, page.administration = "", DANTROLENE_SENTENCE
            page.save(update_fields=["regimen", "administration"])
        if intravenous is not None:  # through the link table: a ParentalManyToManyField defers
            Link.objects.filter(treatmentpage_id=page.pk, administrationroute=intravenous).delete()
        for revision in _revisions(apps, "treatmentpage", page.pk):
            content = revision.content
            changed = False
            if content.get("regimen") == DANTROLENE_SENTENCE and not content.get("administration"):
                content["regimen"], content["administration"] = "", DANTROLENE_SENTENCE
                changed = True
            if intravenous is not None and intravenous.pk in (content.get("routes") or []):
                content["routes"] = [pk for pk in content["routes"] if pk != intravenous.pk]
                changed = True
            if changed:
                revision.save(update_fields=["content"])


def remove_advisor_credit(apps):
    Person = apps.get_model("treatments", "Person")
    GuidePerson = apps.get_model("treatments", "GuidePerson")
    for person in Person.objects.filter(name=ADVISOR[0], role=ADVISOR[1]):
        credits = GuidePerson.objects.filter(person=person, credit="medical_advisor")
        for page_id in set(credits.values_list("page_id", flat=True)):
            for revision in _revisions(apps, "treatmentguidepage", page_id):
                people = revision.content.get("people")
                if isinstance(people, list):
                    kept = [
                        entry
                        for entry in people
                        if not (
                            entry.get("person") == person.pk
                            and entry.get("credit") == "medical_advisor"
                        )
                    ]
                    if len(kept) != len(people):
                        revision.content["people"] = kept
                        revision.save(update_fields=["content"])
        credits.delete()


def contributor_roles(apps):
    Person = apps.get_model("treatments", "Person")
    for (name, old_role), role in ROLES.items():
        Person.objects.filter(name=name, role=old_role).update(role=role)


def correct_labels(apps, schema_editor):
    rename_pump(apps)
    remove_central_line(apps)
    correct_dantrolene(apps)
    remove_advisor_credit(apps)
    contributor_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("treatments", "0007_guide_cautions"),
    ]

    operations = [migrations.RunPython(correct_labels, migrations.RunPython.noop)]
