"""The review loop's records: what an editor submitted, and what a publisher decided."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewRequest(models.Model):
    """One submission for review: of a draft, or of changes to a published item.

    For a published item, `changes` holds the pending version (the item and the records saved
    with it, serialised) while the public keeps seeing the live fields.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        SENT_BACK = "sent_back", _("Sent back")
        REPLACED = "replaced", _("Replaced by later changes")

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE
    )
    object_id = models.CharField(_("object id"), max_length=64)
    item = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    changes = models.JSONField(_("changes"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING
    )
    comment = models.TextField(_("comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "state"])]

    def __str__(self) -> str:
        return f"{self.get_state_display()}: {self.content_type.name} {self.object_id}"


class DeletedLinks(models.Model):
    """What pointed at an item when it was deleted (links from other items, its tags), so that
    recovering it from history brings them back; its own fields and links are in its version."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE
    )
    object_id = models.CharField(_("object id"), max_length=64)
    links = models.JSONField(_("links"), default=dict)
    deleted_at = models.DateTimeField(_("deleted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deleted links")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name_plural = _("deleted links")

    def __str__(self) -> str:
        return f"Links of {self.content_type.name} {self.object_id}"


class ReferenceRecord(models.Model):
    """What the reference-data loader last wrote to one record, to tell its own values from a
    person's edits, and to remember a record it loaded that a person has since deleted."""

    model = models.CharField(_("model"), max_length=100)
    key = models.CharField(
        _("key"), max_length=255, help_text=_("The lookup that finds the record.")
    )
    object_id = models.CharField(_("object id"), max_length=64)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("reference record")
        verbose_name_plural = _("reference records")
        constraints = [
            models.UniqueConstraint(fields=["model", "key"], name="unique_reference_record")
        ]

    def __str__(self) -> str:
        return f"{self.model} {self.key}"


class SlugRedirect(models.Model):
    """A published item's former address, kept so old links and citations still work."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE
    )
    old_slug = models.SlugField(_("old slug"), max_length=255)
    object_id = models.CharField(_("object id"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("slug redirect")
        verbose_name_plural = _("slug redirects")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "old_slug"], name="unique_slug_redirect"
            )
        ]

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.content_type.name} {self.object_id}"


class StaffLanguage(models.Model):
    """The language each member of staff last used the admin in: their email comes in it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_language",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("staff language")
        verbose_name_plural = _("staff languages")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_language_display()}"
