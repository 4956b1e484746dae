"""The disclaimer becomes a reviewed, translatable snippet: the guide settings' English and
Spanish disclaimers stay live as they were, each with a live revision logged as the seed (they
went live before the review covered them); a change now goes live only through the "Medical
review" workflow, which the editorial groups are granted here."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields

from medical_review.invariant import SEED_LOG_ACTION
from medical_review.setup import ensure_snippet_review_setup


def publish_as_seed(apps, text, locale, translation_key):
    """A live disclaimer whose live revision holds its text, logged as the seed."""
    Disclaimer = apps.get_model("treatments", "Disclaimer")
    Revision = apps.get_model("wagtailcore", "Revision")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")

    content_type = ContentType.objects.get_or_create(app_label="treatments", model="disclaimer")[0]
    now = timezone.now()
    disclaimer = Disclaimer.objects.create(
        text=text,
        locale=locale,
        translation_key=translation_key,
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
    )
    revision = Revision.objects.create(
        content_type=content_type,
        base_content_type=content_type,
        object_id=str(disclaimer.pk),
        created_at=now,
        object_str="Disclaimer",
        content=get_serializable_data_for_fields(disclaimer),
    )
    disclaimer.live_revision = disclaimer.latest_revision = revision
    disclaimer.save(update_fields=["live_revision", "latest_revision"])
    ModelLogEntry.objects.create(
        content_type=content_type,
        label="Disclaimer",
        action=SEED_LOG_ACTION,
        object_id=str(disclaimer.pk),
        revision=revision,
        timestamp=now,
        uuid=uuid.uuid4(),
    )


def move_disclaimers(apps, schema_editor):
    ensure_snippet_review_setup("treatments", "disclaimer", "disclaimer", apps)
    GuideSettings = apps.get_model("treatments", "GuideSettings")
    Locale = apps.get_model("wagtailcore", "Locale")
    # A disclaimer belongs to the site's languages, not to a Site: the first Site's is kept.
    current = GuideSettings.objects.exclude(disclaimer="").order_by("site_id").first()
    english = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if current is None or english is None:
        return  # the loader publishes the seed's disclaimer
    key = uuid.uuid4()
    publish_as_seed(apps, current.disclaimer, english, key)
    spanish = Locale.objects.filter(language_code="es").first()
    if current.spanish_disclaimer and spanish is not None:
        publish_as_seed(apps, current.spanish_disclaimer, spanish, key)


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0016_seed_exact_cautions_and_lines"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("editions", "0001_spanish_locale"),
        ("medical_review", "0004_profiles_of_existing_advisors"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [
        migrations.CreateModel(
            name="Disclaimer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("live", models.BooleanField(default=True, editable=False, verbose_name="live")),
                (
                    "has_unpublished_changes",
                    models.BooleanField(
                        default=False, editable=False, verbose_name="has unpublished changes"
                    ),
                ),
                (
                    "first_published_at",
                    models.DateTimeField(
                        blank=True, db_index=True, null=True, verbose_name="first published at"
                    ),
                ),
                (
                    "last_published_at",
                    models.DateTimeField(
                        editable=False, null=True, verbose_name="last published at"
                    ),
                ),
                (
                    "go_live_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="go live date/time"),
                ),
                (
                    "expire_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="expiry date/time"),
                ),
                (
                    "expired",
                    models.BooleanField(default=False, editable=False, verbose_name="expired"),
                ),
                (
                    "locked",
                    models.BooleanField(default=False, editable=False, verbose_name="locked"),
                ),
                (
                    "locked_at",
                    models.DateTimeField(editable=False, null=True, verbose_name="locked at"),
                ),
                (
                    "text",
                    models.TextField(help_text="Shown at the foot of every page of the site."),
                ),
                (
                    "latest_revision",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.revision",
                        verbose_name="latest revision",
                    ),
                ),
                (
                    "live_revision",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.revision",
                        verbose_name="live revision",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
                (
                    "locked_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="locked_%(class)ss",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="locked by",
                    ),
                ),
            ],
            options={
                "verbose_name": "disclaimer",
                "verbose_name_plural": "disclaimers",
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.RunPython(move_disclaimers, migrations.RunPython.noop),
    ]
