"""The treatment body's blocks render for visitors and hold their content rules."""

import pytest
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.models import PageViewRestriction

from tests.page_text import visible_text
from tests.review_support import publish_unreviewed
from treatments.blocks import RelatedTreatmentsBlock, TreatmentBodyBlock
from treatments.models import TreatmentPage


def test_caution_and_related_treatments_render_on_the_page(guide, client):
    baclofen = TreatmentPage.objects.get(slug="baclofen")
    tizanidine = TreatmentPage.objects.get(slug="tizanidine")
    baclofen.body = [
        ("caution", {"heading": "Caution", "text": "<p>Example caution text</p>"}),
        ("related_treatments", {"heading": "Related treatments", "treatments": [tizanidine]}),
    ]
    publish_unreviewed(baclofen)

    response = client.get(baclofen.url)
    text = visible_text(response)
    assert "Caution Example caution text" in text
    assert f'href="{tizanidine.url}"' in response.content.decode()


def test_related_treatments_leave_out_private_and_unpublished_ones(guide, client):
    baclofen = TreatmentPage.objects.get(slug="baclofen")
    private = TreatmentPage.objects.get(slug="tizanidine")
    unpublished = TreatmentPage.objects.get(slug="dantrolene")
    shown = TreatmentPage.objects.get(slug="diazepam")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    unpublished.unpublish()
    baclofen.body = [
        ("related_treatments", {"heading": "See also", "treatments": [private, unpublished, shown]})
    ]
    publish_unreviewed(baclofen)

    html = client.get(baclofen.url).content.decode()

    assert f'href="{shown.url}"' in html
    assert "Tizanidine" not in html
    assert "Dantrolene" not in html


def test_video_with_a_link_offers_a_plain_link(guide, client):
    ivig = TreatmentPage.objects.get(slug="ivig")
    ivig.body = [
        ("video", {"title": "A talk", "caption": "Caption text", "link": "https://example.org/v"})
    ]
    publish_unreviewed(ivig)

    response = client.get(ivig.url)
    assert (
        '<a href="https://example.org/v">Watch the video “A talk”</a>' in response.content.decode()
    )
    assert "Caption text" in visible_text(response)


def test_related_treatments_refuse_the_same_treatment_twice(guide):
    tizanidine = TreatmentPage.objects.get(slug="tizanidine")
    block = RelatedTreatmentsBlock()
    value = block.to_python({"heading": "Related", "treatments": [tizanidine.pk, tizanidine.pk]})
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_body_allows_one_related_treatments_block_only(guide):
    tizanidine = TreatmentPage.objects.get(slug="tizanidine")
    stream = TreatmentBodyBlock()
    related = {"heading": "Related", "treatments": [tizanidine.pk]}
    value = stream.to_python(
        [
            {"type": "related_treatments", "value": related},
            {"type": "related_treatments", "value": related},
        ]
    )
    with pytest.raises(StreamBlockValidationError):
        stream.clean(value)
