"""Random sequences of what people do in the admin (and in the shell), by every role, to one
made-up treatment page, one made-up person, one made-up content page (medical review) and one
made-up news article (editorial review): after every step, every live reviewed page and
snippet still keeps the promise (`medical_review.invariant.audit` finds no violation), and no
request fails with a server error.
"""

import datetime

import pytest
import time_machine
from django.contrib.admin.utils import quote
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from wagtail.models import Revision, TaskState

from content_pages.models import ContentPage
from medical_review import invariant as promise
from medical_review.gate import ReviewRequired
from news.models import NewsArticlePage
from tests.content_page_support import add_content_page_url, content_page_data, content_page_form
from tests.news_events_support import (
    article_data,
    article_form,
    english_home,
    new_article,
    news_index_of,
)
from tests.review_support import (
    ATTESTED,
    edit_snippet,
    new_treatment,
    publish_unreviewed,
    snippet_url,
    submit_snippet,
    treatment_form_data,
)
from treatments.models import Person, TherapyCategoryPage, TreatmentPage

pytestmark = pytest.mark.django_db

ROLES = st.sampled_from(["editor", "advisor", "advisor2", "moderator", "superuser"])
# Reviews act mostly by advisors and the moderator (who approve the medical and the editorial
# review), so that sequences reach approvals as well as refusals, wrong-group ones included.
REVIEWERS = st.sampled_from(
    ["advisor", "advisor2", "advisor", "advisor2", "moderator", "moderator", "editor", "superuser"]
)
# The treatment ("page") and the content page go through the medical review, the article
# through the editorial one; the person is a snippet under the medical review.
PAGE_MODELS = {"page": TreatmentPage, "content": ContentPage, "article": NewsArticlePage}
PAGE_FORMS = {"page": treatment_form_data, "content": content_page_data, "article": article_data}
KINDS = st.sampled_from(["page", "person", "content", "article"])
NEW_PAGE_KINDS = st.sampled_from(["content", "article"])
# Made-up wording: what the edits write is never medical content.
TITLES = st.sampled_from(["Reviewamide", "Reviewamide (revised)", "Reviewamide (second wording)"])
CREDENTIALS = st.sampled_from(["RN", "RN, PhD", "MD"])
BUTTONS = st.sampled_from([None, "action-submit", "action-publish"])
PERSON_FIELDS = ("name", "credentials", "role")
REJECTED = {"comment": "Please check the wording."}
SCHEDULED_IN = datetime.timedelta(days=30)
LATER = datetime.timedelta(days=90)


class ReviewMachine(RuleBasedStateMachine):
    """One example: a live made-up treatment, person, content page and news article, acted on
    at random.

    Each example runs in a savepoint rolled back at its end, so the next starts from the same
    loaded guide.
    """

    guide = None
    accounts = None

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.page_pks = {"page": new_treatment(self.guide).pk}
        person = Person.objects.create(name="Pat Example", credentials="RN", role="contributor")
        publish_unreviewed(person)
        self.person_pk = person.pk
        home = english_home()
        content = ContentPage(title="Reviewamide", slug="reviewamide", intro="Made up.", live=False)
        home.add_child(instance=content)
        publish_unreviewed(content)
        self.page_pks["content"] = content.pk
        self.news_index = news_index_of(home)
        self.page_pks["article"] = new_article(self.news_index, "Reviewamide news").pk
        self.clients = {}
        self.copies = 0

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)
        cache.clear()

    # -- helpers -------------------------------------------------------------------------------

    def client(self, role):
        if role not in self.clients:
            client = Client()
            client.force_login(self.accounts[role])
            self.clients[role] = client
        return self.clients[role]

    def post(self, role, url, data=None):
        response = self.client(role).post(url, data or {})
        assert response.status_code < 500, (url, response.status_code)
        return response

    def page(self, kind="page"):
        return PAGE_MODELS[kind].objects.get(pk=self.page_pks[kind])

    def person(self):
        return Person.objects.get(pk=self.person_pk)

    def obj(self, kind):
        return self.person() if kind == "person" else self.page(kind)

    def page_form(self, kind, button=None, revision=None, **changes):
        """What the page editor posts: the text it shows (the latest revision, or `revision`
        restored), with `changes` and the button pressed."""
        page = self.page(kind)
        shown = revision.as_object() if revision else page.get_latest_revision_as_object()
        data = PAGE_FORMS[kind](shown, **changes)
        if button:
            data[button] = "1"
        return data

    def person_form(self, button=None, revision=None, **changes):
        person = self.person()
        shown = revision.as_object() if revision else person.get_latest_revision_as_object()
        data = {name: getattr(shown, name) for name in PERSON_FIELDS} | changes
        if button:
            data[button] = "1"
        return data

    def edit(self, role, kind, button=None, **changes):
        if kind != "person":
            url = reverse("wagtailadmin_pages:edit", args=[self.page_pks[kind]])
            return self.post(role, url, self.page_form(kind, button, **changes))
        url = snippet_url(Person, "edit", quote(self.person_pk))
        return self.post(role, url, self.person_form(button, **changes))

    def change(self, kind, title, credentials):
        return {"credentials": credentials} if kind == "person" else {"title": title}

    def last_task_state(self, kind):
        """The object's current review task, or else its last one (acting on it is refused)."""
        obj = self.obj(kind)
        return (
            TaskState.objects.filter(
                workflow_state__base_content_type=obj.get_base_content_type(),
                workflow_state__object_id=str(obj.pk),
            )
            .order_by("-pk")
            .first()
        )

    def workflow_action(self, role, kind, action, data):
        task_state = self.last_task_state(kind)
        if task_state is None:
            return None
        if kind != "person":
            url = reverse(
                "wagtailadmin_pages:workflow_action",
                args=[self.page_pks[kind], action, task_state.pk],
            )
        else:
            url = snippet_url(
                Person, "workflow_action", quote(self.person_pk), action, task_state.pk
            )
        return self.post(role, url, data)

    # -- what people do ------------------------------------------------------------------------

    @rule(role=ROLES, kind=KINDS, title=TITLES, credentials=CREDENTIALS)
    def save_a_draft(self, role, kind, title, credentials):
        self.edit(role, kind, **self.change(kind, title, credentials))

    @rule(role=ROLES, kind=KINDS, title=TITLES, credentials=CREDENTIALS)
    def submit(self, role, kind, title, credentials):
        self.edit(role, kind, "action-submit", **self.change(kind, title, credentials))

    @rule(role=ROLES, kind=KINDS, title=TITLES, credentials=CREDENTIALS)
    def publish_directly(self, role, kind, title, credentials):
        self.edit(role, kind, "action-publish", **self.change(kind, title, credentials))

    @rule(role=REVIEWERS, kind=KINDS)
    def approve(self, role, kind):
        self.workflow_action(role, kind, "approve", ATTESTED)

    @rule(
        submitter=ROLES,
        reviewer=REVIEWERS,
        kind=KINDS,
        title=TITLES,
        credentials=CREDENTIALS,
        go_live=st.booleans(),
    )
    def submit_then_approve(self, submitter, reviewer, kind, title, credentials, go_live):
        """A whole review in one step (two random steps rarely meet): a submission, perhaps
        scheduled, and an approval by someone else."""
        changes = self.change(kind, title, credentials)
        if go_live:
            changes["go_live_at"] = f"{timezone.localtime() + SCHEDULED_IN:%Y-%m-%d %H:%M}"
        self.edit(submitter, kind, "action-submit", **changes)
        self.workflow_action(reviewer, kind, "approve", ATTESTED)

    @rule(role=REVIEWERS, kind=KINDS)
    def request_changes(self, role, kind):
        self.workflow_action(role, kind, "reject", REJECTED)

    @rule(role=ROLES, kind=KINDS, which=st.integers(0, 20), button=BUTTONS)
    def restore_a_revision(self, role, kind, which, button):
        obj = self.obj(kind)
        revisions = list(Revision.objects.for_instance(obj).order_by("pk"))
        revision = revisions[which % len(revisions)]
        if kind != "person":
            url = reverse("wagtailadmin_pages:revisions_revert", args=[obj.pk, revision.pk])
            self.post(role, url, self.page_form(kind, button, revision))
        else:
            url = snippet_url(Person, "revisions_revert", quote(obj.pk), revision.pk)
            self.post(role, url, self.person_form(button, revision))

    @rule(role=ROLES, kind=KINDS, button=BUTTONS)
    def copy(self, role, kind, button):
        self.copies += 1
        if kind != "person":
            page = self.page(kind)
            data = {
                "new_title": f"Reviewamide copy {self.copies}",
                "new_slug": f"reviewamide-copy-{self.copies}",
                "new_parent_page": page.get_parent().pk,
                "publish_copies": "on",
            }
            self.post(role, reverse("wagtailadmin_pages:copy", args=[page.pk]), data)
        else:
            data = self.person_form(button, name=f"Pat Copy {self.copies}")
            self.post(role, snippet_url(Person, "copy", quote(self.person_pk)), data)

    @rule(role=ROLES, kind=NEW_PAGE_KINDS, title=TITLES, button=BUTTONS)
    def create(self, role, kind, title, button):
        """A new content page under the home page, or a new article in the news index."""
        self.copies += 1
        slug = f"reviewamide-new-{self.copies}"
        if kind == "content":
            url = add_content_page_url(english_home())
            data = content_page_form(title, [], slug=slug)
        else:
            url = reverse(
                "wagtailadmin_pages:add", args=["news", "newsarticlepage", self.news_index.pk]
            )
            data = article_form(title=title, slug=slug)
        if button:
            data[button] = "1"
        self.post(role, url, data)

    @rule(role=ROLES, index=st.integers(0, 10))
    def move(self, role, index):
        page = self.page()
        categories = list(
            TherapyCategoryPage.objects.descendant_of(self.guide)
            .exclude(pk=page.get_parent().pk)
            .order_by("path")
        )
        destination = categories[index % len(categories)]
        url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
        self.post(role, url)

    @rule(role=ROLES, kind=KINDS)
    def unpublish(self, role, kind):
        if kind != "person":
            self.post(role, reverse("wagtailadmin_pages:unpublish", args=[self.page_pks[kind]]))
        else:
            self.post(role, snippet_url(Person, "unpublish", quote(self.person_pk)))

    @rule(role=ROLES, kind=KINDS, title=TITLES, credentials=CREDENTIALS, button=BUTTONS)
    def schedule(self, role, kind, title, credentials, button):
        go_live_at = timezone.localtime() + SCHEDULED_IN
        changes = self.change(kind, title, credentials)
        self.edit(role, kind, button, go_live_at=f"{go_live_at:%Y-%m-%d %H:%M}", **changes)

    @rule()
    def scheduled_publishing_runs_later(self):
        with time_machine.travel(timezone.now() + LATER, tick=False):
            call_command("publish_scheduled", verbosity=0)

    @rule(kind=KINDS, title=TITLES, credentials=CREDENTIALS)
    def shell_write(self, kind, title, credentials):
        obj = self.obj(kind)
        for name, value in self.change(kind, title, credentials).items():
            setattr(obj, name, value)
        obj.save()

    @rule(kind=KINDS, title=TITLES, credentials=CREDENTIALS)
    def shell_publish(self, kind, title, credentials):
        obj = self.obj(kind)
        for name, value in self.change(kind, title, credentials).items():
            setattr(obj, name, value)
        try:
            obj.save_revision().publish()
        except ReviewRequired:
            pass  # the gate's refusal: what a shell publish of unreviewed text must get

    # -- the promise ---------------------------------------------------------------------------

    @invariant()
    def every_live_reviewed_object_keeps_the_promise(self):
        _checked, violations = promise.audit()
        assert not violations, "\n".join(str(violation) for violation in violations)


def test_no_sequence_of_admin_actions_breaks_the_promise(guide, users):
    ReviewMachine.guide = guide
    ReviewMachine.accounts = users
    run_state_machine_as_test(
        ReviewMachine,
        settings=settings(
            max_examples=8,
            stateful_step_count=20,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


def test_a_person_submitted_again_while_in_review_is_saved_not_a_server_error(client, users):
    """What the machine found: a second "Submit" of a person already in review (a form opened
    before the first submission) made Wagtail start a second review and fail."""
    person = Person.objects.create(name="Pat Example", credentials="RN", role="contributor")
    publish_unreviewed(person)
    submit_snippet(client, users["editor"], person, PERSON_FIELDS, credentials="MD")
    first_review = person.current_workflow_state

    client.force_login(users["advisor"])
    response = edit_snippet(client, person, PERSON_FIELDS, "action-submit", credentials="RN, PhD")

    assert response.status_code == 302
    person = Person.objects.get(pk=person.pk)
    assert person.current_workflow_state == first_review
    assert person.get_latest_revision_as_object().credentials == "RN, PhD"
    assert person.credentials == "RN"
