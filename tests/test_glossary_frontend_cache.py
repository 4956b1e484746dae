"""Varnish in front of the site: approving a glossary term's change, or taking a term down,
purges the glossary and the guide pages that link the term."""

import pytest
from django.contrib.admin.utils import quote

from glossary.loading import load_glossary
from glossary.models import GlossaryTerm
from tests.review_support import ATTESTED, role_accounts
from tests.test_glossary import NEW_DEFINITION, edit_term, term_action, url
from tests.varnish_support import cached, needs_varnish, purged_by_wagtail, read, varnish_on

pytestmark = [needs_varnish, pytest.mark.django_db(transaction=True)]

varnish = varnish_on(27621)
GLOSSARY = "/treatments/glossary/"
RITUXIMAB = "/treatments/immunotherapies/second-line/rituximab/"


@pytest.fixture
def through_varnish(varnish, live_site, settings):
    """The live guide and its glossary behind Varnish, empty, purged as production purges."""
    load_glossary()
    return purged_by_wagtail(varnish, settings)


def test_an_approved_definition_reaches_readers_through_varnish_at_once(through_varnish, client):
    users = role_accounts()
    cached(through_varnish, GLOSSARY, RITUXIMAB)
    b_cells = GlossaryTerm.objects.get(slug="b-cells")

    client.force_login(users["editor"])
    edit_term(client, b_cells, "action-submit", definition=NEW_DEFINITION)
    assert NEW_DEFINITION not in read(through_varnish, GLOSSARY).text
    client.force_login(users["advisor"])
    assert term_action(client, b_cells, "approve", ATTESTED).status_code == 302

    fresh = read(through_varnish, GLOSSARY)
    assert fresh.headers["X-Cache"] == "miss"
    assert NEW_DEFINITION in fresh.text


def test_a_term_taken_down_is_unlinked_from_pages_in_varnish(through_varnish, client):
    users = role_accounts()
    cached(through_varnish, GLOSSARY, RITUXIMAB)
    assert "#b-cells" in read(through_varnish, RITUXIMAB).text
    b_cells = GlossaryTerm.objects.get(slug="b-cells")

    client.force_login(users["moderator"])
    assert client.post(url("unpublish", quote(b_cells.pk))).status_code == 302

    assert "#b-cells" not in read(through_varnish, RITUXIMAB).text
    assert 'id="b-cells"' not in read(through_varnish, GLOSSARY).text
