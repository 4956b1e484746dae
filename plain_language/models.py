from django.db import models


class RevisionReadingGrade(models.Model):
    """The reading grade of one page revision, worked out when the revision is saved."""

    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="reading_grade"
    )
    grade = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, help_text="Empty when the page has no text."
    )
    words = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "reading grade"

    def __str__(self):
        return f"{self.revision}: grade {self.grade}"
