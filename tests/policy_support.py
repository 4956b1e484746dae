"""Helpers shared by the tests of the foundation's pages (Contact, How made, Privacy)."""

import datetime

import time_machine
from bs4 import BeautifulSoup
from django.apps import apps
from django.utils import timezone

from treatments.models import HomePage

MESSAGE = "Your page on baclofen helped my sister; could you add a printable version?"


def english_home():
    return HomePage.objects.get(locale__language_code="en")


def site_pages(home=None):
    """The three pages, made as the site's set-up makes them: {"contact": …, …}."""
    home = home or english_home()
    apps.get_app_config("policy_pages").ensure_site_pages(home)
    from policy_pages.models import ContactPage, HowThisGuideIsMadePage, PrivacyPage

    return {
        "contact": ContactPage.objects.child_of(home).get(),
        "how made": HowThisGuideIsMadePage.objects.child_of(home).get(),
        "privacy": PrivacyPage.objects.child_of(home).get(),
    }


def contact_form(response):
    """The contact form as a reader's browser would send it: its action and hidden fields."""
    form = BeautifulSoup(response.content, "html.parser").select_one("form.contact-form")
    return form["action"], {
        field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")
    }


def send_message(client, page, seconds_later=10, **fields):
    """A reader opens the contact page, writes for `seconds_later`, then sends `fields`."""
    action, hidden = contact_form(client.get(page.url))
    data = {
        **hidden,
        "leave_empty": "",
        "name": "Rosa Reader",
        "email": "rosa@example.org",
        "message": MESSAGE,
        **fields,
    }
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds_later)):
        return client.post(action, data)
