"""An approval in the admin checks each rule once: its queries stay within a fixed budget.

Most of the budget is Wagtail's own work (approving the task and the workflow, each with its
log entry and model validation; publishing the revision; the search and reference indexes; the
e-mail); the review's part is checking the approver once on the review the view has loaded,
recording the review and the gate's look at what goes live.
"""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from medical_review.models import MedicalReview
from medical_review.permissions import MODERATORS
from tests.review_support import ATTESTED, edit_home, live_title, make_user
from treatments.models import HomePage

pytestmark = pytest.mark.django_db

# Measured: 124 on SQLite, 127 on PostgreSQL (savepoints and sequences count differently);
# three of them queue the e-mail updates of the page's subscribers (subscriptions.queue).
APPROVAL_BUDGET = 127
# The home page's editorial approval by a second moderator: 119 on SQLite, 118 on PostgreSQL.
EDITORIAL_APPROVAL_BUDGET = 119
# The query that reads who saved the revisions under review: part of working out the
# authors of a change, which the four-eyes rule and the gate both need.
AUTHORS_QUERY = 'SELECT "wagtailcore_revision"."id" AS "pk", "wagtailcore_revision"."user_id"'


def approve(client, page, task_state, django_assert_max_num_queries, data=ATTESTED, budget=None):
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    with django_assert_max_num_queries(budget or APPROVAL_BUDGET) as captured:
        response = client.post(url, data)
    return response, [query["sql"] for query in captured.captured_queries]


def test_approving_a_submitted_treatment_stays_within_its_query_budget(
    client, users, in_review, django_assert_max_num_queries
):
    task_state = in_review.current_workflow_task_state
    client.force_login(users["advisor"])

    response, queries = approve(client, in_review, task_state, django_assert_max_num_queries)

    assert response.status_code == 302
    assert live_title(in_review) == "Reviewamide (revised)"
    review = MedicalReview.objects.get(page=in_review)
    assert review.revision_id == task_state.revision_id
    assert sum(query.startswith(AUTHORS_QUERY) for query in queries) == 1


def test_an_advisor_who_wrote_part_of_the_change_is_refused_after_one_check(
    client, users, in_review, django_assert_max_num_queries
):
    # The advisor saves a wording of their own while it is in review: the review restarts on
    # their revision, which they may not approve.
    in_review.save_revision(user=users["advisor"])
    in_review.refresh_from_db()
    client.force_login(users["advisor"])

    response, queries = approve(
        client, in_review, in_review.current_workflow_task_state, django_assert_max_num_queries
    )

    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("another medical advisor must approve" in m for m in messages)
    assert live_title(in_review) == "Reviewamide"
    assert not MedicalReview.objects.filter(page=in_review).exists()
    assert sum(query.startswith(AUTHORS_QUERY) for query in queries) <= 1


def test_approving_a_home_page_change_stays_within_its_query_budget(
    users, guide, django_assert_max_num_queries
):
    home = HomePage.objects.get(locale__language_code="en")
    author = Client()
    author.force_login(users["moderator"])
    edit_home(author, home, "action-submit", title="The SPS Treatment Guide, explained")
    home.refresh_from_db()
    reviewer = Client()
    reviewer.force_login(make_user("moderator2", MODERATORS, name="Max Moderator"))

    response, _ = approve(
        reviewer,
        home,
        home.current_workflow_task_state,
        django_assert_max_num_queries,
        data={},
        budget=EDITORIAL_APPROVAL_BUDGET,
    )

    assert response.status_code == 302
    assert Page.objects.get(pk=home.pk).title == "The SPS Treatment Guide, explained"
