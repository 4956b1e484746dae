"""A treatment page's optional video: added in the editor, reviewed with the page, shown as a
click-to-play video only when there is one."""

from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.review_support import (
    ATTESTED,
    a_treatment,
    new_treatment,
    treatment_form_data,
    workflow_action,
)
from treatments.models import TreatmentPage

VIDEO = {
    "url": "https://vimeo.com/76979871",
    "caption": "How an infusion day goes",
    "transcript": "A nurse explains the day.",
}


def submit_with_video(client, editor, page, videos):
    client.force_login(editor)
    data = treatment_form_data(page)
    data.update(nested_form_data({"video": streamfield(videos)}))
    data["action-submit"] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_a_video_goes_live_with_the_reviewed_page_and_plays_on_click(client, users, guide):
    page = new_treatment(guide)
    response = submit_with_video(client, users["editor"], page, [("video", VIDEO)])
    assert response.status_code == 302
    assert "video-facade" not in Client().get(page.url).content.decode()  # not yet reviewed

    client.force_login(users["advisor"])
    workflow_action(client, page, "approve", ATTESTED)

    html = BeautifulSoup(Client().get(page.url).content, "html.parser")
    link = html.select_one("main .video-facade a.video-facade__play")
    assert link["href"] == "https://vimeo.com/76979871"
    assert link.get_text(" ", strip=True) == "Play video: How an infusion day goes"
    frame = html.select_one("[data-video-embed]")
    assert frame["data-video-embed"].startswith("https://player.vimeo.com/video/76979871?dnt=1")
    assert html.find("iframe") is None


def test_a_treatment_holds_at_most_one_video(client, users, guide):
    page = new_treatment(guide)

    response = submit_with_video(client, users["editor"], page, [("video", VIDEO)] * 2)

    assert response.status_code == 200
    assert "The maximum number of items is 1" in response.content.decode()
    assert not TreatmentPage.objects.get(pk=page.pk).video


def test_a_treatment_without_a_video_shows_none(guide):
    page = a_treatment(guide)
    assert not page.video

    html = Client().get(page.url).content.decode()

    assert "video-facade" not in html
    assert "video-facade.js" not in html
