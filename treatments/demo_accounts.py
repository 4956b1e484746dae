"""Demo logins for local development. Never run with production settings."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from medical_review.models import ReviewerProfile


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    superuser: bool = False
    groups: tuple = ()
    full_name: str = ""
    # (credentials, specialty) that sign this account's reviews; demo values, not a person's.
    reviewer: tuple = ()
    # The languages whose pages the account reviews (its reviewer profile's review_languages).
    review_languages: tuple = ("en",)


DEMO_ACCOUNTS = [
    DemoAccount("admin", "sps-demo-admin", "Superuser", superuser=True),
    DemoAccount(
        "editor", "sps-demo-editor", "Editor", groups=("Editors",), full_name="Demo Editor"
    ),
    DemoAccount(
        "advisor",
        "sps-demo-advisor",
        "Medical advisor",
        groups=("Medical advisors",),
        full_name="Demo Advisor",
        reviewer=("MD", "Neurologist"),
    ),
    DemoAccount(
        "advisor2",
        "sps-demo-advisor2",
        "Second advisor",
        groups=("Medical advisors",),
        full_name="Demo Second Advisor",
        reviewer=("MD", ""),
    ),
    DemoAccount(
        "advisor-es",
        "sps-demo-advisor-es",
        "Advisor, also Spanish",
        groups=("Medical advisors",),
        full_name="Demo Spanish Advisor",
        reviewer=("MD", ""),
        review_languages=("en", "es"),
    ),
    DemoAccount(
        "moderator",
        "sps-demo-moderator",
        "Moderator",
        groups=("Moderators",),
        full_name="Demo Moderator",
    ),
]


def create_demo_accounts(accounts=DEMO_ACCOUNTS):
    User = get_user_model()
    for account in accounts:
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={"email": f"{account.username}@example.org"},
        )
        if created:
            user.set_password(account.password)
        user.is_staff = account.superuser
        user.is_superuser = account.superuser
        if account.full_name:
            user.first_name, _, user.last_name = account.full_name.partition(" ")
        user.save()
        for name in account.groups:
            user.groups.add(Group.objects.get(name=name))
        if account.reviewer:
            credentials, specialty = account.reviewer
            ReviewerProfile.objects.get_or_create(
                user=user,
                defaults={
                    "name": account.full_name,
                    "credentials": credentials,
                    "specialty": specialty,
                    "review_languages": list(account.review_languages),
                },
            )
    return accounts
