"""Admin of people: reviewed like the guide, except the admin account each is linked to."""

from medical_review.views import ReviewedSnippetEditView
from treatments.models import Person


class PersonEditView(ReviewedSnippetEditView):
    """The person editor; a superuser's change of the linked account is saved at once.

    The account is user management, not text readers see: it takes no review, and publishing
    a revision leaves it as it is (`Person.with_content_json`).
    """

    def save_instance(self):
        changed = set(self.form.changed_data)
        if "user" not in self.form.fields or "user" not in changed:
            return super().save_instance()
        account = self.form.cleaned_data["user"]
        Person.objects.filter(pk=self.object.pk).update(user=account)
        if changed == {"user"} and self.object.live:
            # Nothing to review: no revision, so a review in progress carries on.
            self.new_revision = None
            self.object.user = account
            return self.object
        instance = super().save_instance()
        instance.user = account
        return instance
