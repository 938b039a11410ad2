"""Publishing: the one rule for what the public sees.

Every public view, list, search, feed, sitemap and API reads `.published()`. Staff who may
change an item can preview it before it is published; nobody else can, by any URL.
"""

import reversion
from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.translation import ngettext


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Everything for staff who may edit this kind of item; the published rest for others."""
        if can_preview(user, self.model):
            return self
        return self.published()


class Publishable(models.Model):
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Draft: only editors see it. In review: waiting for a publisher. "
        "Published: live on the public site.",
    )
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When this was first published."
    )
    published_by = models.ForeignKey(
        "auth.User",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def mark_published(self, user=None) -> None:
        self.status = Status.PUBLISHED
        if self.published_at is None:
            self.published_at = timezone.now()
        if user is not None and user.is_authenticated:
            self.published_by = user


def publish_permission(model) -> str:
    """The permission name, e.g. 'reviews.publish_intervention', that allows publishing."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_preview(user, model) -> bool:
    if not (user and user.is_authenticated and user.is_staff):
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.view_{opts.model_name}"
    )


class PublishedListMixin:
    """For public lists: published items only, for everyone, staff included."""

    def get_queryset(self):
        return super().get_queryset().published()


class PreviewableDetailMixin:
    """For a detail page: the published item, or any item for staff who may preview it."""

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=not self.object.is_published, **kwargs)


# Admin: status changes through actions, each recorded in the item's history.


class PublishingAdminMixin:
    """Admin actions and form rules for Publishable models."""

    actions = ["submit_for_review", "publish", "unpublish"]

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(publish_permission(self.model))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        fields += ["published_at", "published_by"]
        if not self.has_publish_permission(request) and obj and obj.is_published:
            fields.append("status")
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [
                (value, label) for value, label in Status.choices if value != Status.PUBLISHED
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if obj.status == Status.PUBLISHED and self.has_publish_permission(request):
            obj.mark_published(request.user)
        super().save_model(request, obj, form, change)

    def _set_status(self, request, queryset, status, verb):
        count = 0
        for obj in queryset:
            if status == Status.PUBLISHED:
                obj.mark_published(request.user)
            else:
                obj.status = status
            with reversion.create_revision():
                obj.save()
                reversion.set_user(request.user)
                reversion.set_comment(f"{verb}.")
            self.log_change(request, obj, f"{verb}.")
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d item %(verb)s.", "%(count)d items %(verb)s.", count)
            % {"count": count, "verb": verb.lower()},
            messages.SUCCESS,
        )

    @admin.action(description="Submit selected items for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._set_status(
            request,
            queryset.exclude(status=Status.PUBLISHED),
            Status.IN_REVIEW,
            "Submitted for review",
        )

    @admin.action(description="Publish selected items", permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED, "Published")

    @admin.action(description="Unpublish selected items (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset.published(), Status.DRAFT, "Unpublished")
