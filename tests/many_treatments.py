"""Many made-up live treatments under one category, written in bulk (not medical content).

A guide with a thousand more treatments is built in a few queries: the page rows in one
`bulk_create` with their tree paths worked out as treebeard does, each treatment's own row
saved raw (Django cannot bulk-create a multi-table child), their brand names and routes in
one query each. No revision, no search index entry: the pages exist only to be listed.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from wagtail.models import Page

from treatments.models import AdministrationRoute, TreatmentBrandName, TreatmentPage


def add_treatments(category, how_many, prefix="Bulkamide"):
    """`how_many` live treatments named `<prefix> <n>` at the end of `category`'s children."""
    category.refresh_from_db()
    last = category.get_last_child()
    first_step = int(last.path[-Page.steplen :], 36) + 1 if last else 1
    depth = category.depth + 1
    content_type = ContentType.objects.get_for_model(TreatmentPage)
    pages = []
    for n in range(how_many):
        slug = f"{prefix.lower()}-{first_step + n}"
        pages.append(
            Page(
                title=f"{prefix} {first_step + n}",
                draft_title=f"{prefix} {first_step + n}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(category.path, depth, first_step + n),
                depth=depth,
                numchild=0,
                url_path=f"{category.url_path}{slug}/",
                live=True,
                locale_id=category.locale_id,
                translation_key=uuid.uuid4(),
            )
        )
    Page.objects.bulk_create(pages)
    created = list(Page.objects.filter(path__in=[page.path for page in pages]))
    for page in created:
        treatment = TreatmentPage(page_ptr=page, generic_name=page.title, kind="medication")
        treatment.__dict__.update(
            {f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields}
        )
        treatment.save_base(raw=True, force_insert=True)
    TreatmentBrandName.objects.bulk_create(
        TreatmentBrandName(page_id=page.pk, name="Brand", sort_order=0) for page in created
    )
    oral = AdministrationRoute.objects.get(slug="oral", locale_id=category.locale_id)
    through = TreatmentPage.routes.through
    through.objects.bulk_create(
        through(treatmentpage_id=page.pk, administrationroute_id=oral.pk) for page in created
    )
    type(category).objects.filter(pk=category.pk).update(numchild=F("numchild") + how_many)
    category.refresh_from_db()
    return created
