"""Routes become reviewed, translatable snippets: the existing ones stay live, in the default
locale, each with a translation key; the editorial groups get them under the medical review."""

import uuid

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models
from wagtail.models import BootstrapTranslatableModel

import treatments.models.pages
from medical_review.setup import ensure_snippet_review_setup


def review_setup(apps, schema_editor):
    ensure_snippet_review_setup("treatments", "administrationroute", "administration route", apps)


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0013_remove_homepage_intro"),
        ("editions", "0001_spanish_locale"),
        ("medical_review", "0004_profiles_of_existing_advisors"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="administrationroute",
            options={
                "ordering": ["sort_order", "name"],
                "verbose_name": "administration route",
                "verbose_name_plural": "administration routes",
            },
        ),
        migrations.AddField(
            model_name="administrationroute",
            name="expire_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="expiry date/time"),
        ),
        migrations.AddField(
            model_name="administrationroute",
            name="expired",
            field=models.BooleanField(default=False, editable=False, verbose_name="expired"),
        ),
        migrations.AddField(
            model_name="administrationroute",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="first published at"
            ),
        ),
        migrations.AddField(
            model_name="administrationroute",
            name="go_live_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="go live date/time"),
        ),
        migrations.AddField(
            model_name="administrationroute",
            name="has_unpublished_changes",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="has unpublished changes"
            ),
        ),
        migrations.AddField(
            model_name="administrationroute",
            name="last_published_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="last published at"),
        ),
        migrations.AddField(
            model_name="administrationroute",
            name="latest_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="latest revision",
            ),
        ),
        migrations.AddField(
            model_name="administrationroute",
            name="live",
            field=models.BooleanField(default=True, editable=False, verbose_name="live"),
        ),
        migrations.AddField(
            model_name="administrationroute",
            name="live_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="live revision",
            ),
        ),
        migrations.AddField(
            model_name="administrationroute",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="administrationroute",
            name="locked",
            field=models.BooleanField(default=False, editable=False, verbose_name="locked"),
        ),
        migrations.AddField(
            model_name="administrationroute",
            name="locked_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="locked at"),
        ),
        migrations.AddField(
            model_name="administrationroute",
            name="locked_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="locked_%(class)ss",
                to=settings.AUTH_USER_MODEL,
                verbose_name="locked by",
            ),
        ),
        migrations.AddField(
            model_name="administrationroute",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        # Every existing route: a translation key of its own, the default (English) locale.
        BootstrapTranslatableModel("treatments.AdministrationRoute"),
        migrations.AlterField(
            model_name="administrationroute",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="administrationroute",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="administrationroute",
            name="name",
            field=models.CharField(max_length=100),
        ),
        migrations.AlterField(
            model_name="administrationroute",
            name="slug",
            field=models.SlugField(max_length=100),
        ),
        migrations.AlterField(
            model_name="treatmentpage",
            name="routes",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                limit_choices_to=treatments.models.pages.in_the_default_language,
                related_name="treatments",
                to="treatments.administrationroute",
                verbose_name="routes",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="administrationroute",
            unique_together={("name", "locale"), ("slug", "locale"), ("translation_key", "locale")},
        ),
        migrations.RunPython(review_setup, migrations.RunPython.noop),
    ]
