"""`make run` prints the demo logins, for the port it serves on, with working passwords."""

from django.contrib.auth import get_user_model
from django.core.management import call_command

from medical_review.models import ReviewerProfile


def test_demo_logins_are_printed_with_the_served_port_and_work(db, settings, monkeypatch, capsys):
    settings.SPS_CREATE_DEMO_ACCOUNTS = True
    monkeypatch.setenv("PORT", "8077")

    call_command("create_demo_accounts")

    out = capsys.readouterr().out
    assert "http://127.0.0.1:8077/admin/" in out
    assert "editor / sps-demo-editor" in out
    assert get_user_model().objects.get(username="editor").check_password("sps-demo-editor")


def test_a_demo_advisor_reviews_spanish_pages(db, settings, capsys):
    settings.SPS_CREATE_DEMO_ACCOUNTS = True

    call_command("create_demo_accounts")

    assert "advisor-es / sps-demo-advisor-es" in capsys.readouterr().out
    spanish = ReviewerProfile.objects.get(user__username="advisor-es")
    assert spanish.review_languages == ["en", "es"] and spanish.credentials
    assert ReviewerProfile.objects.get(user__username="advisor").review_languages == ["en"]
