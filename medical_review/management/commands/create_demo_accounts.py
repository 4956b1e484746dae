import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from medical_review.roles import create_demo_accounts


class Command(BaseCommand):
    help = "Create the demo logins, one per role (development settings only), and print them."

    def handle(self, *args, **options):
        if not getattr(settings, "SPS_CREATE_DEMO_ACCOUNTS", False):
            raise CommandError("Demo accounts are only created with development settings.")
        port = os.environ.get("PORT", "8000")  # `make run` serves on $PORT
        self.stdout.write(f"Demo logins for http://127.0.0.1:{port}/admin/ :")
        for role, password in create_demo_accounts():
            self.stdout.write(f"  {role.description:<20} {role.username} / {password}")
