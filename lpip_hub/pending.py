"""Pending versions of published items: taken as a snapshot, shown beside the live version,
and applied when a publisher approves them.

A snapshot is the item and the records saved with it (an intervention's outcomes), in Django's
JSON serialisation, with each item's tags by name. Records the change created have no primary
key in the snapshot, so applying it creates them afresh.
"""

import json

from django.core import serializers
from django.db import models

from lpip_hub.admin_views import FieldChange, diff_lists, diff_text


def children(obj) -> list[models.Model]:
    """The records saved and versioned with an item, e.g. an intervention's outcomes."""
    found = []
    for name in getattr(obj, "versioned_children", ()):
        found += list(getattr(obj, name).all())
    return found


def child_keys(obj) -> set[tuple[str, str]]:
    return {(c._meta.label_lower, str(c.pk)) for c in children(obj)}


def _tags(obj) -> list[str] | None:
    manager = getattr(obj, "tags", None)
    if manager is None or not hasattr(manager, "names"):
        return None
    return sorted(manager.names())


def snapshot(obj, existing_children: set[tuple[str, str]]) -> dict:
    """The item as it stands in this transaction, ready to store as a pending version."""
    records = json.loads(serializers.serialize("json", [obj, *children(obj)]))
    for record in records[1:]:
        if (record["model"], str(record["pk"])) not in existing_children:
            record["pk"] = None
    return {"objects": records, "tags": _tags(obj)}


def _deserialize(changes: dict):
    return list(serializers.deserialize("json", json.dumps(changes["objects"])))


def pending_instance(changes: dict):
    """The item with its pending fields, and its pending many-to-many links by field name."""
    first = _deserialize(changes)[0]
    return first.object, first.m2m_data or {}


def apply(obj, changes: dict) -> None:
    """Make the pending version the item's own: fields, links, tags and records saved with it."""
    main, *rest = _deserialize(changes)
    keep = set()
    for field in obj._meta.concrete_fields:
        if field.name not in ("status", "published_at", "published_by"):
            setattr(obj, field.attname, getattr(main.object, field.attname))
    obj.save()
    for name, values in (main.m2m_data or {}).items():
        getattr(obj, name).set(values)
    if changes.get("tags") is not None and hasattr(obj, "tags"):
        obj.tags.set(changes["tags"])
    for record in rest:
        record.object.save()
        keep.add((record.object._meta.label_lower, str(record.object.pk)))
    for child in children(obj):
        if (child._meta.label_lower, str(child.pk)) not in keep:
            child.delete()


def _text(value) -> str:
    return "" if value in (None, "") else str(value)


def compare_with_live(obj, changes: dict) -> list[FieldChange]:
    """The fields where the pending version differs from the live one."""
    pending, m2m = pending_instance(changes)
    rows = []
    for field in obj._meta.get_fields():
        if not getattr(field, "concrete", False) or field.auto_created:
            continue
        if not field.editable or field.name in ("status", "search_vector"):
            continue  # dates, who published it and rendered HTML follow from the rest
        label = str(getattr(field, "verbose_name", field.name)).capitalize()
        if field.many_to_many:
            if field.name == "tags":
                live, new = _tags(obj) or [], changes.get("tags") or []
            elif field.name in m2m:
                related = field.related_model._default_manager
                live = sorted(str(o) for o in getattr(obj, field.name).all())
                new = sorted(str(o) for o in related.filter(pk__in=m2m[field.name]))
            else:
                continue
            if live != new:
                rows.append(FieldChange(label, *diff_lists(live, new)))
            continue
        live, new = getattr(obj, field.attname), getattr(pending, field.attname)
        if live == new:
            continue
        if field.is_relation:
            live, new = getattr(obj, field.name), getattr(pending, field.name)
        elif field.choices:
            live, new = (
                getattr(obj, f"get_{field.name}_display")(),
                dict(field.flatchoices).get(new, new),
            )
        rows.append(FieldChange(label, *diff_text(_text(live), _text(new))))
    live_children = sorted(str(c) + _describe(c) for c in children(obj))
    new_children = sorted(str(r.object) + _describe(r.object) for r in _deserialize(changes)[1:])
    if live_children != new_children:
        rows.append(FieldChange("Saved with it", *diff_lists(live_children, new_children)))
    return rows


def _describe(child) -> str:
    description = getattr(child, "description", "")
    return f": {description}" if description else ""
