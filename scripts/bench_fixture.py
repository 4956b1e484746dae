"""Grows the guide with made-up treatments for `make bench`. NOT real content: never loaded by
`make run`, titled "Benchmark fixture", in a category of its own.

Run inside Django: `manage.py shell -c "exec(open('scripts/bench_fixture.py').read()); grow(1000)"`.
"""


def grow(total):
    from django.db import transaction

    from treatments.models import TherapyCategoryPage, TreatmentGuidePage, TreatmentPage

    guide = TreatmentGuidePage.objects.get()
    category = TherapyCategoryPage.objects.filter(slug="benchmark-fixture").first()
    if category is None:
        category = guide.add_child(
            instance=TherapyCategoryPage(
                title="Benchmark fixture (not real content)",
                slug="benchmark-fixture",
                approach="other",
            )
        )
    missing = total - TreatmentPage.objects.live().count()
    with transaction.atomic():
        for n in range(max(missing, 0)):
            category.add_child(
                instance=TreatmentPage(
                    title=f"Benchmark fixture treatment {n:04d}",
                    slug=f"benchmark-fixture-treatment-{n:04d}",
                    kind="medication",
                    generic_name=f"benchfixturamide {n:04d}",
                    targets="Not real content: made up for the benchmark.",
                )
            )
    print(TreatmentPage.objects.live().count())
