"""Admin-only views and helpers: the live Markdown preview and the comparison of two versions."""

import difflib
import re
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.http import HttpRequest, JsonResponse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from lpip_hub.markup import markdown_warnings, render_markdown

PREVIEW_LIMIT = 200_000  # characters: longer than any review section, short of a denial of service
CONTENT_APPS = ("reviews", "partnerships")


@require_POST
def markdown_preview(request: HttpRequest) -> JsonResponse:
    """Markdown to HTML through the public site's sanitiser, for staff who may edit content."""
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return JsonResponse({"error": gettext("Sign in to the admin to preview.")}, status=403)
    if not any(user.has_module_perms(app) for app in CONTENT_APPS):
        return JsonResponse({"error": gettext("You may not edit content.")}, status=403)
    text = request.POST.get("text", "")
    if len(text) > PREVIEW_LIMIT:
        return JsonResponse({"error": gettext("The text is too long to preview.")}, status=413)
    try:
        top_heading = min(4, max(2, int(request.POST.get("top_heading", 2))))
    except ValueError:
        top_heading = 2
    figures = _figures_of(user, request.POST.get("figures_of", ""))
    return JsonResponse(
        {
            "html": render_markdown(text, top_heading, figures=figures),
            "warnings": markdown_warnings(text, {f.key for f in figures}),
        }
    )


def _figures_of(user, owner: str) -> list:
    """The uploaded figures of the item being edited ("reviews.evidencereview:12"), if any."""
    label, _, pk = owner.partition(":")
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return []
    if not pk.isdigit() or not hasattr(model, "figures"):
        return []
    opts = model._meta
    if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}") and not user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    ):
        return []
    item = model._default_manager.filter(pk=pk).first()
    return list(item.figures.all()) if item else []


# Comparing versions

SKIPPED_FIELDS = {"id", "created_at", "updated_at", "search_vector"}


@dataclass
class FieldChange:
    label: str
    before: SafeString
    after: SafeString


def _words(text: str) -> list[str]:
    return re.split(r"(\s+)", text)


def diff_text(before: str, after: str) -> tuple[SafeString, SafeString]:
    """Both texts as HTML, with removed words in <del> and added words in <ins>."""
    a, b = _words(before), _words(after)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old, new = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(old)
            right.append(new)
            continue
        if old:
            left.append(f"<del>{old}</del>")
        if new:
            right.append(f"<ins>{new}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 (escaped above)


def diff_lists(before: list[str], after: list[str]) -> tuple[SafeString, SafeString]:
    def render(items, others, tag):
        return mark_safe(  # noqa: S308 (every item escaped)
            "<br>".join(
                f"<{tag}>{escape(i)}</{tag}>" if i not in others else escape(i) for i in items
            )
            or "<em>none</em>"
        )

    return render(before, after, "del"), render(after, before, "ins")


def _display(field, value, names: dict) -> str:
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        return names.get((field.name, value), f"#{value} (since deleted)")
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    return str(value)


def _names(field, pks) -> dict:
    related = field.related_model
    return {
        (field.name, pk): str(obj)
        for pk, obj in related._default_manager.in_bulk([pk for pk in pks if pk]).items()
    }


def _children(model, version) -> list[str]:
    """Items saved with the version and belonging to it, e.g. an intervention's outcomes."""
    from reversion.models import Version

    found = []
    others = Version.objects.filter(revision_id=version.revision_id).exclude(pk=version.pk)
    for other in others.select_related("content_type"):
        child = other.content_type.model_class()
        if child is None:
            continue
        for fk in child._meta.concrete_fields:
            if isinstance(fk, models.ForeignKey) and fk.related_model is model:
                data = other.field_dict
                if str(data.get(fk.attname)) == str(version.object_id):
                    description = data.get("description") or ""
                    found.append(f"{other.object_repr}: {description}".strip(": "))
    return sorted(found)


def compare_versions(model, older, newer) -> list[FieldChange]:
    """The fields that differ between two versions of one item, oldest first."""
    a, b = older.field_dict, newer.field_dict
    changes = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.name in SKIPPED_FIELDS:
            continue
        if field.name.endswith("_html") or field.auto_created:
            continue
        label = str(getattr(field, "verbose_name", field.name)).capitalize()
        old, new = a.get(field.name), b.get(field.name)
        if field.many_to_many:
            if not isinstance(old or [], list | tuple) or not isinstance(new or [], list | tuple):
                continue  # e.g. tags, which are not kept in versions
            old, new = list(old or []), list(new or [])
            if sorted(map(str, old)) == sorted(map(str, new)):
                continue
            names = _names(field, set(old) | set(new))
            before = sorted(names.get((field.name, pk), f"#{pk} (since deleted)") for pk in old)
            after = sorted(names.get((field.name, pk), f"#{pk} (since deleted)") for pk in new)
            changes.append(FieldChange(label, *diff_lists(before, after)))
            continue
        if old == new:
            continue
        names = _names(field, {old, new}) if isinstance(field, models.ForeignKey) else {}
        before, after = _display(field, old, names), _display(field, new, names)
        if isinstance(field, models.TextField | models.CharField) and not field.choices:
            changes.append(FieldChange(label, *diff_text(before, after)))
        else:
            changes.append(FieldChange(label, escape(before), escape(after)))
    old_children, new_children = _children(model, older), _children(model, newer)
    if old_children != new_children:
        changes.append(FieldChange("Saved with it", *diff_lists(old_children, new_children)))
    return changes
