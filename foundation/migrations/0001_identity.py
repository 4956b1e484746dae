import uuid

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="FoundationIdentity",
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
                ("name", models.CharField(max_length=120)),
                (
                    "logo_alt_text",
                    models.CharField(
                        blank=True,
                        help_text="What the logo says, for readers who cannot see it (usually the name).",
                        max_length=120,
                        verbose_name="logo's text alternative",
                    ),
                ),
                ("charity_number", models.CharField(blank=True, max_length=40)),
                ("postal_address", models.TextField(blank=True)),
                ("contact_email", models.EmailField(max_length=254, verbose_name="contact e-mail")),
                (
                    "social_links",
                    wagtail.fields.StreamField(
                        [("link", 2)],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"help_text": "E.g. “Facebook”.", "max_length": 80},
                            ),
                            1: ("wagtail.blocks.URLBlock", (), {"label": "URL"}),
                            2: ("wagtail.blocks.StructBlock", [[("label", 0), ("url", 1)]], {}),
                        },
                    ),
                ),
                (
                    "main_menu",
                    wagtail.fields.StreamField(
                        [("page", 2), ("external", 5)],
                        blank=True,
                        block_lookup={
                            0: ("wagtail.blocks.PageChooserBlock", (), {}),
                            1: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "Leave empty to show the page's title.",
                                    "max_length": 80,
                                    "required": False,
                                },
                            ),
                            2: ("wagtail.blocks.StructBlock", [[("page", 0), ("label", 1)]], {}),
                            3: ("wagtail.blocks.URLBlock", (), {"label": "URL"}),
                            4: ("wagtail.blocks.CharBlock", (), {"max_length": 80}),
                            5: ("wagtail.blocks.StructBlock", [[("url", 3), ("label", 4)]], {}),
                        },
                        help_text="Shown in the header of every page.",
                    ),
                ),
                (
                    "footer_links",
                    wagtail.fields.StreamField(
                        [("page", 2), ("external", 5)],
                        blank=True,
                        block_lookup={
                            0: ("wagtail.blocks.PageChooserBlock", (), {}),
                            1: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "Leave empty to show the page's title.",
                                    "max_length": 80,
                                    "required": False,
                                },
                            ),
                            2: ("wagtail.blocks.StructBlock", [[("page", 0), ("label", 1)]], {}),
                            3: ("wagtail.blocks.URLBlock", (), {"label": "URL"}),
                            4: ("wagtail.blocks.CharBlock", (), {"max_length": 80}),
                            5: ("wagtail.blocks.StructBlock", [[("url", 3), ("label", 4)]], {}),
                        },
                        help_text="Shown at the foot of every page: About, how the guide is made, contact, privacy.",
                    ),
                ),
                (
                    "funding_statement",
                    wagtail.fields.RichTextField(
                        blank=True,
                        help_text="Who funds the foundation, and whether the site carries advertising.",
                        verbose_name="funding and advertising statement",
                    ),
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
                (
                    "logo",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailimages.image",
                    ),
                ),
            ],
            options={
                "verbose_name": "foundation identity",
                "verbose_name_plural": "foundation identity",
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
        ),
    ]
