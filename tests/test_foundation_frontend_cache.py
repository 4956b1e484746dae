"""Varnish in front of the site: the identity is in the header and footer of every page, so
approving a change to it purges every page at once."""

import pytest

from foundation.models import FoundationIdentity
from medical_review.permissions import MODERATORS
from tests.foundation_support import FIELDS, empty_streams, load_site
from tests.review_support import edit_snippet, make_user, role_accounts, snippet_action
from tests.varnish_support import cached, needs_varnish, purged_by_wagtail, read, varnish_on

pytestmark = [needs_varnish, pytest.mark.django_db(transaction=True)]

varnish = varnish_on(27670)
PAGES = ("/", "/treatments/", "/treatments/immunotherapies/second-line/rituximab/")
NEW_NAME = "SPS Friends (test name)"


@pytest.fixture
def through_varnish(varnish, live_site, settings):
    load_site()
    return purged_by_wagtail(varnish, settings)


def test_an_approved_identity_reaches_every_page_through_varnish_at_once(through_varnish, client):
    users = role_accounts("editor", "moderator")
    cached(through_varnish, *PAGES)
    identity = FoundationIdentity.objects.get()

    client.force_login(users["editor"])
    edit_snippet(client, identity, FIELDS, "action-submit", **empty_streams(), name=NEW_NAME)
    client.force_login(make_user("moderator2", MODERATORS))
    assert snippet_action(client, identity, "approve").status_code == 302

    for path in PAGES:
        fresh = read(through_varnish, path)
        assert fresh.headers["X-Cache"] == "miss", path
        assert NEW_NAME in fresh.text, path
