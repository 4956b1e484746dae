"""The medical review: the workflow task, the audit trail of reviews, reminders sent, and the
mixin that every reviewed page type carries. The task reviews snippets too (any model with
Wagtail's WorkflowMixin and DraftStateMixin whose workflow holds it).

Rules of the task, enforced here and not only in the admin's buttons:

- only members of the task's groups (Settings → Workflow tasks) act on it;
- four eyes: whoever submitted the revision, or wrote any of it, cannot approve it;
- approving needs a reviewer profile with credentials (it signs the review), the attestation
  and a one-line summary; requesting changes needs a comment;
- every approval is recorded as a `MedicalReview` of exactly the revision under review, and a
  revision saved while the review is open restarts it.
"""

import calendar

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant
from wagtail.log_actions import log
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    Page,
    RevisionMixin,
    TaskState,
    WorkflowMixin,
)

from medical_review.forms import SUMMARY_MAX_LENGTH, MedicalApprovalForm, RequestChangesForm
from medical_review.four_eyes import (
    EDITED,
    SUBMITTED,
    WROTE_SOME,
    part_in_change,
    restart_review,
)
from medical_review.gate import ReviewGateMixin
from medical_review.moves import MovedPageMixin
from medical_review.permissions import GuidePagePermissionTester, is_moderator

REVIEW_LOG_ACTION = "medical_review.approve"
CHANGED_DURING_REVIEW = (
    "The page changed after this review began, so the review restarted on the new version. "
    "Open the page again to review what is there now."
)
NO_PROFILE = (
    "You have no reviewer profile, so you cannot sign a medical review; ask an administrator "
    "to add one."
)
NO_CREDENTIALS = "Your reviewer profile has no credentials; ask an administrator to add them."
DEFAULT_REVIEW_INTERVAL_MONTHS = 12


def review_due_after(reviewed_on, months):
    """The date a review made on `reviewed_on` falls due, `months` later (31 Jan → 28/29 Feb)."""
    month_index = reviewed_on.month - 1 + months
    year, month = reviewed_on.year + month_index // 12, month_index % 12 + 1
    day = min(reviewed_on.day, calendar.monthrange(year, month)[1])
    return reviewed_on.replace(year=year, month=month, day=day)


def signed_as(name, credentials, specialty):
    """How a review is signed: "Jane Doe, MD (Neurologist)"."""
    signed = f"{name}, {credentials}" if credentials else name
    return f"{signed} ({specialty})" if specialty else signed


def reviewer_profile_of(user):
    """The `ReviewerProfile` of `user`, or None."""
    try:
        return user.reviewer_profile
    except (AttributeError, ReviewerProfile.DoesNotExist):
        return None


def default_content_language():
    """The language code of the default locale (`LANGUAGE_CODE` among the content languages)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def default_review_languages():
    """What a new reviewer profile reviews: the default content language."""
    return [default_content_language()]


def content_language_choices():
    """The content languages (`WAGTAIL_CONTENT_LANGUAGES`) as (code, name) choices."""
    return list(get_content_languages().items())


def language_name(code):
    return str(get_content_languages().get(code, code))


def language_of(obj):
    """The language code of `obj`'s locale; the default language for untranslatable objects."""
    if getattr(obj, "locale_id", None) is None:
        return default_content_language()
    return obj.locale.language_code


def review_languages_of(user):
    """The language codes `user` reviews in: their profile's, else the default language."""
    profile = reviewer_profile_of(user)
    return list(profile.review_languages) if profile else default_review_languages()


def pages_in_languages(languages):
    """The pages whose locale is in `languages` (codes)."""
    return Page.objects.filter(locale__language_code__in=languages)


def profile_refusal(user):
    """Why `user` may not sign a review (no profile, no credentials), or None."""
    profile = reviewer_profile_of(user)
    if profile is None:
        return NO_PROFILE
    if not profile.credentials.strip():
        return NO_CREDENTIALS
    return None


def review_interval_months(obj):
    """How many months a review of `obj` (a page or a snippet) stays current."""
    getter = getattr(obj, "get_review_interval_months", None)
    return getter() if getter else DEFAULT_REVIEW_INTERVAL_MONTHS


def content_noun(obj):
    """What the messages of the review call `obj`: "page", or the snippet's verbose name."""
    return "page" if isinstance(obj, Page) else str(obj._meta.verbose_name)


class ReviewedPageMixin(ReviewGateMixin, MovedPageMixin, models.Model):
    """What every page under medical review carries: its review dates and publishing rule.

    A page type sets `medical_review_root = True` when the workflow and the editorial grants
    are set on it (the guide page); its subtree inherits both.
    """

    medical_review_root = False

    last_reviewed = models.DateField(null=True, blank=True, editable=False)
    next_review_due = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        # Reviewed pages go live only through the medical review workflow.
        return GuidePagePermissionTester(user, self)

    def with_content_json(self, content):
        # The review dates belong to the page, not to a revision: publishing an older
        # draft must not roll them back.
        obj = super().with_content_json(content)
        obj.last_reviewed = self.last_reviewed
        obj.next_review_due = self.next_review_due
        return obj

    @cached_property
    def _medical_reviews(self):
        # One query for the review line and the history; none for a page never reviewed
        # (the dates are set when a reviewed revision goes live).
        if self.last_reviewed is None:
            return []
        return list(MedicalReview.objects.filter(page_id=self.pk).order_by("-reviewed_at", "-pk"))

    def _went_live(self, review):
        # Revision ids grow: a review of a later revision than the live one waits to go live.
        live = self.live_revision_id
        return live is None or review.revision_id is None or review.revision_id <= live

    @cached_property
    def live_medical_review(self):
        """The review of the live revision, or None: what the public page may say."""
        if self.live_revision_id is None:  # its revisions were deleted: the latest review
            return next(iter(self._medical_reviews), None)
        return next(
            (r for r in self._medical_reviews if r.revision_id == self.live_revision_id), None
        )

    @cached_property
    def review_history(self):
        """The reviews of what went live, newest first, as plain values for the public page."""
        return [
            {
                "reviewed_on": review.reviewed_on,
                "reviewer": review.reviewer_display,
                "summary": review.summary,
            }
            for review in self._medical_reviews
            if self._went_live(review)
        ]

    def get_review_interval_months(self):
        """How many months a review of this page stays current."""
        return DEFAULT_REVIEW_INTERVAL_MONTHS

    @property
    def review_overdue(self):
        return self.next_review_due is not None and self.next_review_due < timezone.localdate()

    @cached_property
    def translation_source(self):
        """The page in the default language that this page translates, or None.

        No query when localisation is off; else the page's `locale` (often loaded already)
        and, for a page not in the default language, one query for the source.
        """
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False) or self.locale_id is None:
            return None
        default = default_content_language()
        if self.locale.language_code == default:
            return None
        return (
            Page.objects.filter(translation_key=self.translation_key, locale__language_code=default)
            .exclude(pk=self.pk)
            .select_related("locale")
            .first()
        )

    @cached_property
    def translation_out_of_date(self):
        """When the source page was published after the last review of this translation that
        went live, or None: what the translation says may no longer match its source.

        No query beyond the review line's for a page never reviewed; else as
        `translation_source`.
        """
        review = next((r for r in self._medical_reviews if self._went_live(r)), None)
        if review is None:
            return None
        source = self.translation_source
        published = source.last_published_at if source is not None else None
        return published if published is not None and published > review.reviewed_at else None


def apply_live_review(page, revision):
    """Sets the page's review dates from the review of `revision`, which has just gone live."""
    review = MedicalReview.objects.filter(revision=revision).order_by("-reviewed_at", "-pk").first()
    if review is None:
        return None
    # The dates are not revision-controlled (see ReviewedPageMixin.with_content_json):
    # they change on the page row itself.
    type(page).objects.filter(pk=page.pk).update(
        last_reviewed=review.reviewed_on, next_review_due=review.next_review_due
    )
    page.last_reviewed, page.next_review_due = review.reviewed_on, review.next_review_due
    for name in (
        "_medical_reviews",
        "live_medical_review",
        "review_history",
        "translation_out_of_date",
    ):
        page.__dict__.pop(name, None)
    return review


def prefetch_medical_reviews(pages):
    """Reads the reviews of many reviewed pages in one query, for a page that lists them."""
    reviewed = [page for page in pages if page.last_reviewed is not None]
    by_page = {page.pk: [] for page in pages}
    if reviewed:
        reviews = MedicalReview.objects.filter(page_id__in=[page.pk for page in reviewed])
        for review in reviews.order_by("-reviewed_at", "-pk"):
            by_page[review.page_id].append(review)
    for page in pages:
        # What the `_medical_reviews` property would read, page by page.
        page.__dict__["_medical_reviews"] = by_page[page.pk] if page.last_reviewed else []


def reviewed_page_models():
    """Every concrete page model under medical review."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ReviewedPageMixin) and not model._meta.abstract
    ]


def is_medical_review_workflow(workflow_id):
    """Whether the workflow holds a medical review task (its approval publishes a review)."""
    return MedicalReviewTask.objects.filter(workflow_tasks__workflow_id=workflow_id).exists()


def is_medical_advisor(user):
    """Whether `user` is in a group of an active medical review task (cached on the user)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not hasattr(user, "_medical_reviewer"):
        user._medical_reviewer = MedicalReviewTask.objects.filter(
            active=True, groups__in=user.groups.all()
        ).exists()
    return user._medical_reviewer


class ReviewedSnippetMixin(
    ReviewGateMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model
):
    """A snippet that goes live only through the medical review: Wagtail's workflow, draft,
    lock and revision mixins with the relations they need. Its admin is a
    `ReviewedSnippetViewSet`; `setup.ensure_snippet_review_setup` assigns it the workflow."""

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    def copy_for_translation(self, locale, exclude_fields=None):
        """The copy is a draft, as a page's is: a translation is new text that goes live only
        when its review is approved (Wagtail's copy keeps the source's live state)."""
        translation = super().copy_for_translation(locale, exclude_fields=exclude_fields)
        translation.live = False
        translation.has_unpublished_changes = True
        translation.live_revision = None
        translation.first_published_at = None
        translation.last_published_at = None
        return translation


class MedicalReviewTask(AbstractGroupApprovalTask):
    """Approval by a member of the task's groups who did not write the change."""

    class Meta:
        verbose_name = "medical review task"
        verbose_name_plural = "medical review tasks"

    @classmethod
    def get_description(cls):
        return (
            "A member of the chosen groups who did not write or submit the change checks it "
            "against current clinical evidence."
        )

    # -- who may act -----------------------------------------------------------------------

    def is_reviewer(self, user):
        """Whether `user` belongs to one of this task's groups."""
        return bool(user and user.is_active and self._user_in_groups(user))

    def four_eyes_refusal(self, obj, user):
        """Why `user` may not approve `obj` under the four-eyes rule, or None if they may."""
        task_state = self._task_state_for(obj)
        if task_state is None:
            return None
        noun = content_noun(obj)
        part = part_in_change(obj, user, task_state)
        if part == SUBMITTED:
            return (
                f"You submitted this {noun} for medical review, so another medical advisor "
                "must approve it."
            )
        if part == EDITED:
            return (
                f"You edited this version of the {noun}, so another medical advisor must "
                "approve it."
            )
        if part == WROTE_SOME:
            return (
                "You wrote some of the changes under review, so another medical advisor "
                "must approve them."
            )
        return None

    def _task_state_for(self, obj):
        return (
            TaskState.objects.for_instance(obj)
            .filter(task=self, status=TaskState.STATUS_IN_PROGRESS)
            .select_related("workflow_state", "revision")
            .first()
        )

    def language_refusal(self, obj, user):
        """Why `user` may not review `obj` in its language (their reviewer profile), or None."""
        language = language_of(obj)
        if language in review_languages_of(user):
            return None
        name = language_name(language)
        return (
            f"This review is of a page in {name}; your reviewer profile does not list {name} "
            f"among the languages you review."
        )

    def can_review(self, obj, user):
        """Whether `user` is a reviewer of this task who reviews in `obj`'s language."""
        return self.is_reviewer(user) and self.language_refusal(obj, user) is None

    def user_can_access_editor(self, obj, user):
        return self.can_review(obj, user)

    def locked_for_user(self, obj, user):
        # While in review, only its reviewers (and moderators, who may cancel the review) may
        # change the content under review.
        return not (self.can_review(obj, user) or is_moderator(user))

    def user_can_lock(self, obj, user):
        return self.can_review(obj, user)

    def approval_refusal(self, obj, user):
        """Why `user` may not approve `obj` (no credentials to sign with, four eyes), or None."""
        return profile_refusal(user) or self.four_eyes_refusal(obj, user)

    def get_actions(self, obj, user):
        if not self.can_review(obj, user):
            return []
        actions = [("reject", "Request changes", True)]
        if self.approval_refusal(obj, user) is None:
            actions.append(("approve", "Approve", True))
        return actions

    def get_form_for_action(self, action):
        if action == "approve":
            return MedicalApprovalForm
        if action == "reject":
            return RequestChangesForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        if action == "approve":
            return "medical_review/approve_modal.html"
        return super().get_template_for_action(action)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self.is_reviewer(user):
            return in_review_languages_of(
                self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS), user
            )
        return TaskState.objects.none()

    # -- acting ----------------------------------------------------------------------------

    def restart_on_changed_revision(self, task_state, revision):
        """Restarts the review on `revision`, saved while `task_state` was open."""
        restart_review(task_state, revision, CHANGED_DURING_REVIEW)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        obj = getattr(obj, "specific", obj)
        # Only the open review of the latest revision can be acted on: what goes live is
        # what the advisor was shown.
        task_state.refresh_from_db(fields=["status"])
        latest = obj.get_latest_revision()
        if task_state.status != TaskState.STATUS_IN_PROGRESS or (
            latest is not None and latest.pk != task_state.revision_id
        ):
            raise PermissionDenied(CHANGED_DURING_REVIEW)
        if self.is_reviewer(user) and self.language_refusal(obj, user):
            raise PermissionDenied(self.language_refusal(obj, user))
        if action_name == "approve" and self.is_reviewer(user):
            refusal = self.approval_refusal(obj, user)
            if refusal:
                raise PermissionDenied(refusal)
        if action_name not in {name for name, _label, _modal in self.get_actions(obj, user)}:
            raise PermissionDenied("Only a medical advisor can act on a medical review.")

        # The admin's action view validates the form, but the page editor passes the
        # dialog's data straight through: check it here too.
        form = self.get_form_for_action(action_name)(data=kwargs)
        if not form.is_valid():
            raise PermissionDenied(" ".join(e for errors in form.errors.values() for e in errors))
        comment = form.cleaned_data.get("comment", "")

        if action_name == "approve":
            record_medical_review(
                task_state, obj, user, comment=comment, summary=form.cleaned_data["summary"]
            )
            task_state.approve(user=user, comment=comment)
        elif action_name == "reject":
            task_state.reject(user=user, comment=comment)


def in_review_languages_of(task_states, user):
    """The `task_states` of pages in a language `user` reviews in (other objects are kept)."""
    other_pages = Page.objects.exclude(locale__language_code__in=review_languages_of(user))
    return task_states.exclude(
        workflow_state__base_content_type__app_label="wagtailcore",
        workflow_state__base_content_type__model="page",
        workflow_state__object_id__in=other_pages.annotate(
            pk_text=Cast("pk", models.CharField())
        ).values("pk_text"),
    )


def record_medical_review(task_state, page, user, comment="", summary=""):
    """Store the approval of the revision under review as a `MedicalReview`.

    The page's review dates change when that revision goes live (`apply_live_review`), which
    for a scheduled revision is later, in `publish_scheduled`. A reviewed snippet is no page:
    its review names it by the revision (and its text by `page_title`).
    """
    now = timezone.now()
    reviewed_on = timezone.localdate(now)
    next_due = review_due_after(reviewed_on, review_interval_months(page))
    profile = reviewer_profile_of(user)
    revision = task_state.revision
    review = MedicalReview.objects.create(
        page=page if isinstance(page, Page) else None,
        page_title=revision.object_str if revision else str(page),
        revision=revision,
        task_state=task_state,
        reviewer=user,
        reviewer_name=profile.name,
        reviewer_credentials=profile.credentials,
        reviewer_specialty=profile.specialty,
        reviewed_at=now,
        next_review_due=next_due,
        summary=summary,
        comment=comment,
        attested=True,
    )
    log(
        instance=page,
        action=REVIEW_LOG_ACTION,
        user=user,
        revision=revision,
        data={
            "reviewer": review.reviewer_display,
            "next_review_due": next_due.isoformat(),
            "comment": comment,
        },
    )
    return review


class MedicalReview(models.Model):
    """One approval of a reviewed page by a medical advisor.

    Kept as the audit trail: deleting the page's revisions, the workflow or the reviewer's
    account leaves the record (and the names it was signed with) in place.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="medical_reviews",
    )
    page_title = models.CharField(max_length=255)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    task_state = models.ForeignKey(
        "wagtailcore.TaskState",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="medical_reviews",
    )
    reviewer_name = models.CharField(max_length=200)
    reviewer_credentials = models.CharField(max_length=100, blank=True)
    reviewer_specialty = models.CharField(max_length=100, blank=True)
    reviewed_at = models.DateTimeField(default=timezone.now)
    next_review_due = models.DateField()
    summary = models.CharField(
        max_length=SUMMARY_MAX_LENGTH,
        blank=True,
        help_text="What the review covered, in one line; shown in the page's review history.",
    )
    comment = models.TextField(blank=True)
    attested = models.BooleanField(
        default=False,
        help_text="The reviewer confirmed checking the content against current clinical evidence.",
    )

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        get_latest_by = ["reviewed_at", "pk"]

    def __str__(self):
        return f"{self.page_title}: reviewed by {self.reviewer_display} on {self.reviewed_on}"

    @property
    def reviewed_on(self):
        return timezone.localdate(self.reviewed_at)

    @property
    def reviewer_display(self):
        return signed_as(self.reviewer_name, self.reviewer_credentials, self.reviewer_specialty)


class LanguageCodesField(models.JSONField):
    """A list of content language codes, chosen with a checkbox per content language."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=content_language_choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
            error_messages={"required": "Choose at least one language."},
        )


class ReviewerProfile(models.Model):
    """How a medical advisor signs reviews; kept by superusers, not by the advisor."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    name = models.CharField(max_length=200, help_text="The name reviews are signed with.")
    credentials = models.CharField(
        max_length=100,
        blank=True,
        help_text="Post-nominal letters, e.g. “MD”. Without them the advisor cannot approve.",
    )
    specialty = models.CharField(max_length=100, blank=True, help_text="e.g. “Neurologist”.")
    person = models.ForeignKey(
        "treatments.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The advisor's entry among the guide's people, if any.",
    )
    review_languages = LanguageCodesField(
        "languages reviewed",
        default=default_review_languages,
        help_text="The advisor sees and approves reviews of pages in these languages only.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.signature

    @property
    def review_languages_display(self):
        """The languages reviewed, by name: "English, Spanish"."""
        return ", ".join(language_name(code) for code in self.review_languages)

    @property
    def signature(self):
        return signed_as(self.name, self.credentials, self.specialty)


class ReviewReminder(models.Model):
    """One reminder email sent to one advisor on one day: makes the command idempotent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField()
    pages_due = models.PositiveIntegerField(default=0)
    pages_overdue = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "sent_on"], name="medical_review_one_reminder_per_day"
            )
        ]

    def __str__(self):
        return f"Review reminder to {self.recipient} on {self.sent_on}"


from medical_review.audit import AuditRun  # noqa: E402, F401  (its model, registered here)
