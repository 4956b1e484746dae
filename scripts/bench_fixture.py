"""Grows the guide with made-up treatments for `make bench`, and adds the peer page it compares
pages to. NOT real content: never loaded by `make run`, titled "Benchmark fixture" or
"Benchmark peer", in a category or page type of their own.

Run inside Django: `manage.py shell -c "exec(open('scripts/bench_fixture.py').read()); grow(1000)"`.
"""

# The peer's text: about as many words as a treatment page's, none about treatment.
PEER_PARAGRAPH = (
    "This page exists only for the benchmark. It is a title and a few paragraphs of rich text "
    "in the site's base template, the plainest page Wagtail serves: the measure a guide page's "
    "render is compared to. It says nothing about any treatment and readers never see it."
)


def add_peer():
    """Publishes the peer page (benchpeer.StandardPage, bench settings only) under the home
    page, once; prints its URL path."""
    from wagtail.models import Locale

    from benchpeer.models import StandardPage
    from treatments.models import HomePage

    home = HomePage.objects.get(locale=Locale.get_default())
    peer = StandardPage.objects.filter(slug="benchmark-peer").first()
    if peer is None:
        peer = home.add_child(
            instance=StandardPage(
                title="Benchmark peer (not real content)",
                slug="benchmark-peer",
                body="".join(f"<p>{PEER_PARAGRAPH}</p>" for _ in range(8)),
                live=False,
            )
        )
        peer.save_revision().publish()
    print(peer.url)


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
