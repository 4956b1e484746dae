"""Every reviewer who has a Person record gets a reviewer profile from it (name, credentials).

The specialty stays empty: the Person record does not say it; an administrator adds it.
"""

from django.db import migrations


def profiles_from_people(apps, schema_editor):
    MedicalReviewTask = apps.get_model("medical_review", "MedicalReviewTask")
    ReviewerProfile = apps.get_model("medical_review", "ReviewerProfile")
    Person = apps.get_model("treatments", "Person")

    groups = {group.pk for task in MedicalReviewTask.objects.all() for group in task.groups.all()}
    people = Person.objects.filter(
        user__isnull=False, user__groups__in=groups, user__reviewer_profile__isnull=True
    ).distinct()
    for person in people:
        ReviewerProfile.objects.create(
            user_id=person.user_id,
            name=person.name,
            credentials=person.credentials,
            person=person,
        )


class Migration(migrations.Migration):
    dependencies = [("medical_review", "0003_reviewer_profile_and_summary")]

    operations = [migrations.RunPython(profiles_from_people, migrations.RunPython.noop)]
