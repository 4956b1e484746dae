"""The review task, review records and reminders now live in `medical_review`, which copied
them (medical_review 0002) before these tables go.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0004_review_groups_and_workflow"),
        ("medical_review", "0002_copy_reviews_from_treatments"),
    ]

    operations = [
        migrations.DeleteModel(name="MedicalReview"),
        migrations.DeleteModel(name="ReviewReminder"),
        migrations.DeleteModel(name="MedicalReviewTask"),
    ]
