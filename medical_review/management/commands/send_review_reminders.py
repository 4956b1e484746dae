from django.core.management.base import BaseCommand, CommandError

from medical_review.reminders import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email medical advisors about guide pages never reviewed, reviews overdue and reviews "
        "due soon (once a day each)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=30, help="Remind about reviews due within this many days."
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days cannot be negative.")
        report = send_review_reminders(days=days)
        self.stdout.write(
            f"{len(report.never_reviewed)} pages never reviewed, {len(report.overdue)} reviews "
            f"overdue, {len(report.due)} due within {days} days."
        )
        self.stdout.write(f"Reminded {len(report.sent_to)} advisors.")
        if report.already_sent:
            self.stdout.write(f"{len(report.already_sent)} advisors were already reminded today.")
