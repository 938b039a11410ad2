"""The researcher's dashboard on the admin home page: what awaits review, their drafts, reviews
due a check, and recent changes. Every list is capped, so the page costs a fixed number of
queries however much content the Hub holds."""

from collections import defaultdict
from datetime import timedelta

from django import template
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast, RowNumber
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from reversion.models import Revision, Version

from lpip_hub.publishing import Publishable, Status, publish_permission

register = template.Library()

LIMIT = 10
SHOWN = 3  # items named for each recent change
STALE_AFTER = timedelta(days=365)


def publishable_models() -> list[type[Publishable]]:
    return [
        m for m in apps.get_models() if issubclass(m, Publishable) and m in admin.site._registry
    ]


def _admin_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])


def _item(obj) -> dict:
    return {
        "object": obj,
        "kind": obj._meta.verbose_name,
        "url": _admin_url(obj),
        "updated_at": obj.updated_at,
    }


def _may_view(user, model) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def awaiting_review(user) -> tuple[list[dict], list[dict]]:
    """Items in review, oldest first (they have waited longest), and a count for each kind."""
    items, kinds = [], []
    for model in publishable_models():
        if not _may_view(user, model):
            continue
        queryset = model.objects.filter(status=Status.IN_REVIEW)
        oldest = list(queryset.order_by("updated_at")[:LIMIT])
        count = len(oldest) if len(oldest) < LIMIT else queryset.count()
        if count:
            opts = model._meta
            kinds.append(
                {
                    "name": opts.verbose_name_plural,
                    "count": count,
                    "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
                    + f"?status__exact={Status.IN_REVIEW}",
                }
            )
            items += [_item(obj) for obj in oldest]
    items.sort(key=lambda i: i["updated_at"])
    return items[:LIMIT], kinds


def own_drafts(user) -> list[dict]:
    """Drafts whose latest version, or first version, was saved by this user."""
    items = []
    for model in publishable_models():
        if not _may_view(user, model):
            continue
        content_type = ContentType.objects.get_for_model(model)
        versions = Version.objects.filter(
            content_type=content_type,
            object_id=Cast(models.OuterRef("pk"), models.CharField()),
        )
        latest = versions.order_by("-revision__date_created", "-pk").values("revision__user")[:1]
        first = versions.order_by("revision__date_created", "pk").values("revision__user")[:1]
        queryset = (
            model.objects.filter(status=Status.DRAFT)
            .annotate(last_editor=models.Subquery(latest), creator=models.Subquery(first))
            .filter(models.Q(last_editor=user.pk) | models.Q(creator=user.pk))
            .order_by("-updated_at")[:LIMIT]
        )
        items += [_item(obj) for obj in queryset]
    items.sort(key=lambda i: i["updated_at"], reverse=True)
    return items[:LIMIT]


def reviews_due(user, today=None) -> list[dict]:
    """Evidence reviews not checked for a year: by last reviewed date, else by publication."""
    from reviews.models import EvidenceReview

    if not _may_view(user, EvidenceReview):
        return []
    today = today or timezone.localdate()
    cutoff = today - STALE_AFTER
    queryset = (
        EvidenceReview.objects.filter(
            models.Q(last_reviewed__lt=cutoff)
            | models.Q(
                last_reviewed__isnull=True,
                status=Status.PUBLISHED,
                published_at__lt=timezone.now() - STALE_AFTER,
            )
        )
        .select_related("theme")
        .order_by(models.F("last_reviewed").asc(nulls_first=True), "published_at")[:LIMIT]
    )
    return [
        {
            **_item(review),
            "last_reviewed": review.last_reviewed,
            "published_at": review.published_at,
        }
        for review in queryset
    ]


def recent_changes(user) -> list[dict]:
    """The latest saves by anyone, each with who, when, what they said and what they changed."""
    registered = {
        ContentType.objects.get_for_model(m).pk: m
        for m in admin.site._registry
        if _may_view(user, m)
    }
    revisions = (
        Revision.objects.select_related("user")
        .annotate(
            count=models.Count("version", filter=models.Q(version__content_type_id__in=registered))
        )
        .filter(count__gt=0)
        .order_by("-date_created")[:LIMIT]
    )
    revisions = list(revisions)
    shown = defaultdict(list)
    # The first few items of each revision, in one query however large an import was.
    first_versions = (
        Version.objects.filter(
            revision_id__in=[r.pk for r in revisions], content_type_id__in=registered
        )
        .annotate(
            position=models.Window(
                RowNumber(), partition_by=[models.F("revision_id")], order_by=models.F("pk").asc()
            )
        )
        .filter(position__lte=SHOWN)
        .order_by("revision_id", "pk")
    )
    for version in first_versions:
        opts = registered[version.content_type_id]._meta
        try:
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history",
                args=[quote(version.object_id)],
            )
        except NoReverseMatch:
            url = ""
        shown[version.revision_id].append(
            {"name": version.object_repr, "kind": opts.verbose_name, "url": url}
        )
    changes = [
        {
            "revision": revision,
            "items": shown[revision.pk],
            "more": revision.count - len(shown[revision.pk]),
        }
        for revision in revisions
    ]
    return changes


def new_suggestions(user) -> dict:
    """Practitioners' suggestions still in draft, newest first, and how many there are."""
    from reviews.models import Intervention

    if not _may_view(user, Intervention):
        return {}
    queryset = Intervention.objects.filter(is_suggestion=True, status=Status.DRAFT)
    newest = list(queryset.order_by("-created_at")[:LIMIT])
    count = len(newest) if len(newest) < LIMIT else queryset.count()
    return {
        "items": [
            {**_item(obj), "organisation": obj.suggested_by_organisation, "sent": obj.created_at}
            for obj in newest
        ],
        "count": count,
        "url": reverse("admin:reviews_intervention_changelist")
        + f"?is_suggestion__exact=1&status__exact={Status.DRAFT}",
    }


@register.simple_tag(takes_context=True)
def researcher_dashboard(context) -> dict:
    user = context["request"].user
    if not (user.is_authenticated and user.is_staff):
        return {}
    waiting, waiting_kinds = awaiting_review(user)
    may_publish = any(user.has_perm(publish_permission(m)) for m in publishable_models())
    return {
        "awaiting_review": waiting,
        "awaiting_kinds": waiting_kinds,
        "awaiting_total": sum(kind["count"] for kind in waiting_kinds),
        "may_publish": may_publish,
        "own_drafts": own_drafts(user),
        "reviews_due": reviews_due(user),
        "recent_changes": recent_changes(user),
        "new_suggestions": new_suggestions(user),
    }
