"""What a reader said about a guide page. Nothing personal: no name, e-mail or address."""

from django.db import models
from django.utils import timezone

# The longest comment a reader may send, in characters.
COMMENT_MAX_LENGTH = 1000


class Feedback(models.Model):
    """One reader's answer about one page: helpful or not, or a mistake they report."""

    HELPFUL = "yes"
    NOT_HELPFUL = "no"
    MISTAKE = "mistake"
    KIND_CHOICES = [
        (HELPFUL, "Helpful"),
        (NOT_HELPFUL, "Not helpful"),
        (MISTAKE, "Mistake reported"),
    ]

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="reader_feedback"
    )
    kind = models.CharField("answer", max_length=10, choices=KIND_CHOICES)
    comment = models.TextField(blank=True, max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField("date", default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "reader feedback"
        verbose_name_plural = "reader feedback"
        indexes = [models.Index(fields=["page", "kind", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} on page {self.page_id}, {self.created_at:%Y-%m-%d}"
