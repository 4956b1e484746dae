"""The guide's roles, one account each: who writes, who reviews in which languages, who takes
pages down. The demo logins (`create_demo_accounts`), the tests' accounts and the fault drills
all create their accounts from `ROLES`; each brings its own passwords.

The names are made up: they sign demo and test reviews, never a real advisor's.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from medical_review.models import ReviewerProfile
from medical_review.permissions import EDITORS, MEDICAL_ADVISORS, MODERATORS


@dataclass(frozen=True)
class Role:
    username: str
    description: str
    display_name: str
    groups: tuple = ()
    superuser: bool = False
    # The reviewer profile that signs the account's reviews: none without credentials.
    credentials: str = ""
    specialty: str = ""
    review_languages: tuple = ("en",)


ROLES = {
    "superuser": Role("admin", "Superuser", "Sue Super", superuser=True),
    "editor": Role("editor", "Editor", "Eve Editor", groups=(EDITORS,)),
    "advisor": Role(
        "advisor",
        "Medical advisor",
        "Ada Advisor",
        groups=(MEDICAL_ADVISORS,),
        credentials="MD",
        specialty="Neurologist",
    ),
    "advisor2": Role(
        "advisor2", "Second advisor", "Otto Other", groups=(MEDICAL_ADVISORS,), credentials="MD"
    ),
    "spanish_advisor": Role(
        "advisor-es",
        "Advisor, also Spanish",
        "Sofía Revisora",
        groups=(MEDICAL_ADVISORS,),
        credentials="MD",
        review_languages=("en", "es"),
    ),
    "moderator": Role("moderator", "Moderator", "Mo Moderator", groups=(MODERATORS,)),
}


def create_account(role, password):
    """The account of `role`, created with `password` if missing. An existing account keeps
    its password and reviewer profile, so running this again changes nothing."""
    user, created = get_user_model().objects.get_or_create(
        username=role.username, defaults={"email": f"{role.username}@example.org"}
    )
    if created:
        user.set_password(password)
    user.is_staff = user.is_superuser = role.superuser
    user.first_name, _, user.last_name = role.display_name.partition(" ")
    user.save()
    for name in role.groups:
        user.groups.add(Group.objects.get(name=name))
    if role.credentials:
        ReviewerProfile.objects.get_or_create(
            user=user,
            defaults={
                "name": role.display_name,
                "credentials": role.credentials,
                "specialty": role.specialty,
                "review_languages": list(role.review_languages),
            },
        )
    return user


def create_demo_accounts():
    """The demo logins of `make run` (development only), one per role: [(role, password)]."""
    accounts = [(role, f"sps-demo-{role.username}") for role in ROLES.values()]
    for role, password in accounts:
        create_account(role, password)
    return accounts
