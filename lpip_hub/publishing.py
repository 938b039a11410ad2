"""Publishing: the one rule for what the public sees, and the one place that changes it.

Every public view, list, search, feed, sitemap and API reads `.published()`. Staff who may
change an item can preview it before it is published; nobody else can, by any URL.

Every change of status goes through the functions here (submit, approve, send back, publish,
unpublish, and the rules for saving, reverting and recovering), each with its permission check
and its words in the item's history. Admin actions, change-form buttons and imports call them.
"""

from contextlib import contextmanager

import reversion
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from lpip_hub import notifications
from lpip_hub.choices import ChoiceLabels


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


def published_at_each_use(model):
    """`model`'s published items as a callable, for a filter's choices written once in a class
    (django-filter calls it for each request): `published()` reads the clock when it is called."""
    return lambda request=None: model.objects.published()


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Published, past its go-live time (if any) and not yet expired (if ever)."""
        now = timezone.now()
        return self.filter(
            models.Q(go_live_at__isnull=True) | models.Q(go_live_at__lte=now),
            models.Q(expire_at__isnull=True) | models.Q(expire_at__gt=now),
            status=Status.PUBLISHED,
        )

    def visible_to(self, user):
        """Everything for staff who may edit this kind of item; the published rest for others."""
        if can_preview(user, self.model):
            return self
        return self.published()


class Publishable(ChoiceLabels):
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text=_(
            "Draft: only editors see it. In review: waiting for a publisher. "
            "Published: live on the public site."
        ),
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When this was first published."),
    )
    published_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("published by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    go_live_at = models.DateTimeField(
        _("go live at"),
        null=True,
        blank=True,
        help_text=_("Optional: a published item stays off the site until this date and time."),
    )
    expire_at = models.DateTimeField(
        _("take off the site at"),
        null=True,
        blank=True,
        help_text=_("Optional: a published item leaves the site at this date and time."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    objects = PublishableQuerySet.as_manager()

    # Related records saved, versioned and reviewed with the item, e.g. ("outcomes",).
    versioned_children: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        before = None
        if self.pk and hasattr(self, "slug"):
            before = type(self)._default_manager.filter(pk=self.pk).values("slug", "status").first()
        super().save(*args, **kwargs)
        if before and before["slug"] != self.slug and before["status"] == Status.PUBLISHED:
            remember_old_slug(self, before["slug"])
        if self.go_live_at or self.expire_at:
            from lpip_hub.page_cache import content_scheduled

            content_scheduled(self.go_live_at, self.expire_at)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_live(self) -> bool:
        """Published and within its go-live and expiry times: what the public sees."""
        now = timezone.now()
        return (
            self.is_published
            and (self.go_live_at is None or self.go_live_at <= now)
            and (self.expire_at is None or self.expire_at > now)
        )

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


def remember_old_slug(obj, old_slug: str) -> None:
    """Keep a published item's former address working, with a permanent redirect."""
    from lpip_hub.models import SlugRedirect

    content_type = ContentType.objects.get_for_model(obj)
    SlugRedirect.objects.filter(content_type=content_type, old_slug=obj.slug).delete()
    SlugRedirect.objects.update_or_create(
        content_type=content_type, old_slug=old_slug, defaults={"object_id": str(obj.pk)}
    )


class PublicRelation:
    """`obj.public_<name>`: the items of a relation the public may see, so a template can never
    list a draft by reading the relation itself. Uses a prefetched relation when there is one."""

    def __init__(self, relation: str):
        self.relation = relation

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        cached = getattr(obj, "_prefetched_objects_cache", {}).get(self.relation)
        if cached is not None:
            return [item for item in cached if item.is_live]
        return list(getattr(obj, self.relation).published())


def linked_items(obj, relations, user) -> dict[str, list]:
    """Each relation's items: the public ones, or for staff who may preview them, all of them
    (templates mark the ones not live as drafts)."""
    linked = {}
    for name in relations:
        related = obj._meta.get_field(name).related_model
        if can_preview(user, related):
            linked[name] = list(getattr(obj, name).all())
        else:
            linked[name] = getattr(obj, f"public_{name}")
    return linked


def unpublished_links(obj) -> list:
    """Items this one links to that are not on the site: publishing it would point at them."""
    found = []
    if not obj.pk:
        return found
    for field in obj._meta.many_to_many:
        if isinstance(field.related_model, type) and issubclass(field.related_model, Publishable):
            found += [item for item in getattr(obj, field.name).all() if not item.is_live]
    return found


def publish_links(obj, user) -> list:
    """Publish the unpublished items this one links to, where the user may publish them."""
    done = []
    for item in unpublished_links(obj):
        if may_publish(user, type(item)) and not item.is_published:
            publish(item, user, f"Published with “{obj}”.")
            done.append(item)
    return done


class PublishedListMixin:
    """For public lists: published items only, for everyone, staff included."""

    def get_queryset(self):
        return super().get_queryset().published()


class PreviewableDetailMixin:
    """For a detail page: the published item, or any item for staff who may preview it.
    A published item's former address redirects to its current one."""

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            target = self._renamed(kwargs.get(self.slug_url_kwarg))
            if target is None:
                raise
            return HttpResponsePermanentRedirect(target.get_absolute_url())

    def _renamed(self, slug):
        from lpip_hub.models import SlugRedirect

        if not slug:
            return None
        redirect = SlugRedirect.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), old_slug=slug
        ).first()
        if redirect is None:
            return None
        return self.get_queryset().filter(pk=redirect.object_id).first()

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=not self.object.is_live, **kwargs)


# The review loop


def may_publish(user, model) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(publish_permission(model)))


def may_change(user, model) -> bool:
    opts = model._meta
    return bool(
        user
        and user.is_authenticated
        and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _record(obj, user, comment: str) -> None:
    """Save the item as one revision in its history, by this user, with these words."""
    with reversion.create_revision():
        obj.save()
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(comment)


def _name(user) -> str:
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


def _requests(obj):
    from lpip_hub.models import ReviewRequest

    return ReviewRequest.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )


def pending_request(obj):
    """The submission of this item that awaits a publisher, if any."""
    from lpip_hub.models import ReviewRequest

    return (
        _requests(obj)
        .filter(state=ReviewRequest.State.PENDING)
        .select_related("author")
        .order_by("-created_at", "-pk")
        .first()
    )


def latest_decision(obj):
    """The latest submission of this item that a publisher sent back, if it is still open."""
    from lpip_hub.models import ReviewRequest

    latest = _requests(obj).select_related("decided_by").order_by("-created_at", "-pk").first()
    return latest if latest and latest.state == ReviewRequest.State.SENT_BACK else None


def unpublished_changes(obj):
    """The latest pending version of a live item, awaiting review or sent back, if any."""
    from lpip_hub.models import ReviewRequest

    latest = _requests(obj).order_by("-created_at", "-pk").first()
    if (
        latest
        and latest.changes
        and latest.state
        in (
            ReviewRequest.State.PENDING,
            ReviewRequest.State.SENT_BACK,
        )
    ):
        return latest
    return None


def submit(obj, user, *, changes: dict | None = None):
    """Ask a publisher to review a draft, or, with `changes`, a pending version of a live item.

    The live item is left as it is; an earlier pending version of it is replaced.
    """
    from lpip_hub.models import ReviewRequest

    _require(may_change(user, type(obj)), "You may not change this item.")
    _requests(obj).filter(state=ReviewRequest.State.PENDING).update(
        state=ReviewRequest.State.REPLACED
    )
    if changes is None:
        obj.status = Status.IN_REVIEW
        _record(obj, user, "Submitted for review.")
    else:
        _record(obj, user, "Changes submitted for review; the live version is unchanged.")
    request = ReviewRequest.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        author=user if user and user.is_authenticated else None,
        changes=changes,
    )
    transaction.on_commit(lambda: notifications.notify_publishers(obj, request))
    return request


@contextmanager
def new_draft(obj, comment: str):
    """Save a new item from outside the admin (a practitioner's suggestion) as a draft, in one
    transaction and one revision with these words: nothing of it is public until published."""
    obj.status, obj.published_at, obj.published_by = Status.DRAFT, None, None
    with transaction.atomic(), reversion.create_revision():
        yield obj
        if obj.status != Status.DRAFT:
            raise PermissionDenied("A new item from outside the admin is always a draft.")
        reversion.set_comment(comment)


def publish(obj, user, comment: str = "Published.") -> None:
    _require(may_publish(user, type(obj)), "Only a publisher may publish.")
    obj.mark_published(user)
    _record(obj, user, comment)


def unpublish(obj, user) -> None:
    _require(may_publish(user, type(obj)), "Only a publisher may unpublish.")
    obj.status = Status.DRAFT
    _record(obj, user, "Unpublished.")


def approve(obj, user) -> None:
    """Apply the pending version, if there is one, and publish the item."""
    from lpip_hub import pending
    from lpip_hub.models import ReviewRequest

    _require(may_publish(user, type(obj)), "Only a publisher may approve changes.")
    request = pending_request(obj)
    if request and request.changes:
        pending.apply(obj, request.changes)
    by = f" by {_name(request.author)}" if request else ""
    publish(obj, user, f"Approved changes{by} and published.")
    if request:
        request.state = ReviewRequest.State.APPROVED
        request.decided_by, request.decided_at = user, timezone.now()
        request.save()
        transaction.on_commit(lambda: notifications.notify_author(obj, request))


def send_back(obj, user, comment: str) -> None:
    """Return a submission to its author with the publisher's words; the live item stays."""
    from lpip_hub.models import ReviewRequest

    _require(may_publish(user, type(obj)), "Only a publisher may send changes back.")
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError("Say what needs to change, so the author knows what to do.")
    request = pending_request(obj)
    if obj.status == Status.IN_REVIEW:
        obj.status = Status.DRAFT
    _record(obj, user, f"Sent back: {comment}")
    if request is None:
        request = ReviewRequest(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
    request.state = ReviewRequest.State.SENT_BACK
    request.comment = comment
    request.decided_by, request.decided_at = user, timezone.now()
    request.save()
    transaction.on_commit(lambda: notifications.notify_author(obj, request))


def schedule(obj, user, go_live_at=None, expire_at=None) -> None:
    """Publish an item to appear at go_live_at and to leave the site at expire_at."""
    _require(may_publish(user, type(obj)), "Only a publisher may schedule publishing.")
    if go_live_at and expire_at and expire_at <= go_live_at:
        raise ValidationError("The item must go live before it is taken off the site.")
    obj.go_live_at, obj.expire_at = go_live_at, expire_at
    obj.mark_published(user)
    words = [f"to go live at {go_live_at:%H:%M on %d %B %Y}"] if go_live_at else []
    words += [f"to leave the site at {expire_at:%H:%M on %d %B %Y}"] if expire_at else []
    _record(obj, user, f"Scheduled {' and '.join(words) or 'with no dates'}.")


def apply_schedule(now=None) -> list[str]:
    """Record what the schedule has done by now: items that went live and items that expired.

    Pages already follow the schedule through `.published()`; this writes it into each item's
    history and status. Running it again finds nothing more to do.
    """
    from django.apps import apps

    now = now or timezone.now()
    done = []
    for model in apps.get_models():
        if not issubclass(model, Publishable):
            continue
        published = model._default_manager.filter(status=Status.PUBLISHED)
        for obj in published.filter(go_live_at__lte=now):
            obj.published_at = max(obj.published_at or obj.go_live_at, obj.go_live_at)
            obj.go_live_at = None
            _record(obj, None, "Went live as scheduled.")
            done.append(f"Live: {model._meta.verbose_name} “{obj}”")
        for obj in published.filter(expire_at__lte=now):
            obj.status, obj.expire_at = Status.DRAFT, None
            _record(obj, None, "Taken off the site as scheduled.")
            done.append(f"Taken off the site: {model._meta.verbose_name} “{obj}”")
    return done


def status_after_edit(user, model, requested: str, live_status: str | None) -> str:
    """The status an edit may leave an item in: only a publisher's edit may make it public."""
    if requested == Status.PUBLISHED and not may_publish(user, model):
        return live_status if live_status in (Status.DRAFT, Status.IN_REVIEW) else Status.DRAFT
    return requested


def status_after_history(user, model, live_status: str | None, publish_now: bool) -> str:
    """A revert restores content, not a publishing decision: the status stays as it is now;
    a recovered item comes back as a draft. Only a publisher's explicit publish makes it live."""
    if publish_now and may_publish(user, model):
        return Status.PUBLISHED
    if live_status is None or live_status == Status.PUBLISHED and not may_publish(user, model):
        return Status.DRAFT
    return live_status


# Admin: status changes through actions, each recorded in the item's history.


class PublishingAdminMixin:
    """Admin actions and form rules for Publishable models."""

    actions = ["submit_for_review", "publish", "unpublish"]

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(publish_permission(self.model))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        fields += ["published_at", "published_by"]
        if not self.has_publish_permission(request):
            fields += ["go_live_at", "expire_at"]
            if obj and obj.is_published:
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

    def _apply(self, request, queryset, service, verb: str, done) -> None:
        """Apply the service to each; the log keeps the English verb, done(n) tells the user."""
        count = 0
        for obj in queryset:
            service(obj, request.user)
            self.log_change(request, obj, f"{verb}.")
            count += 1
        self.message_user(request, done(count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Submit selected items for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._apply(
            request,
            queryset.exclude(status__in=[Status.PUBLISHED, Status.IN_REVIEW]),
            submit,
            "Submitted for review",
            lambda n: ngettext(
                "%(count)d item submitted for review.", "%(count)d items submitted for review.", n
            ),
        )

    @admin.action(description=_("Publish selected items"), permissions=["publish"])
    def publish(self, request, queryset):
        self._apply(
            request,
            queryset,
            publish,
            "Published",
            lambda n: ngettext("%(count)d item published.", "%(count)d items published.", n),
        )
        for obj in queryset:
            waiting = unpublished_links(obj)
            if waiting:
                names = "; ".join(f"“{item}” ({item._meta.verbose_name})" for item in waiting)
                self.message_user(
                    request,
                    gettext(
                        "“%(item)s” links to items that are not on the site, so the public will "
                        "not see those links: %(names)s. Open it to publish them together."
                    )
                    % {"item": obj, "names": names},
                    messages.WARNING,
                )

    @admin.action(
        description=_("Unpublish selected items (back to draft)"), permissions=["publish"]
    )
    def unpublish(self, request, queryset):
        self._apply(
            request,
            queryset.published(),
            unpublish,
            "Unpublished",
            lambda n: ngettext("%(count)d item unpublished.", "%(count)d items unpublished.", n),
        )
