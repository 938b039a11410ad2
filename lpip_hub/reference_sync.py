"""Reference data never overwrites people.

`sync_record(model, lookup, fields)` is the one way a loader writes a record:

- missing and never loaded: created from lookup, fields and create_defaults (e.g. published);
- loaded before and unchanged since (its values still match what was loaded): updated;
- changed by a person since it was loaded: left alone, and reported as skipped;
- loaded before and since deleted by a person: not recreated (a tombstone), reported;
- found but never loaded by this mechanism: updated unless a person has saved it in the admin
  (its history has a version with a user), in which case it is left alone and reported.

`links` are many-to-many links (name -> objects or pks) set with the fields and compared the
same way. Pass a list as `report` to collect one line per skipped record.
"""

import hashlib
import json
from dataclasses import dataclass

from django.db import models
from reversion.models import Version

from lpip_hub.models import ReferenceRecord

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
SKIPPED_CHANGED, SKIPPED_DELETED = "skipped: changed by a person", "skipped: deleted by a person"


@dataclass
class Synced:
    obj: models.Model | None
    action: str

    @property
    def skipped(self) -> bool:
        return self.action.startswith("skipped")


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return sorted(_plain(v) for v in value)
    return value if value is None or isinstance(value, int | float | bool) else str(value)


def _fingerprint(fields: dict, links: dict) -> str:
    data = {k: _plain(v) for k, v in {**fields, **links}.items()}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _current(obj, fields: dict, links: dict) -> str:
    now = {}
    for name in fields:
        field = obj._meta.get_field(name)
        now[name] = getattr(obj, field.attname) if field.is_relation else getattr(obj, name)
    return _fingerprint(now, {name: list(getattr(obj, name).all()) for name in links})


def _key(lookup: dict) -> str:
    return json.dumps({k: _plain(v) for k, v in lookup.items()}, sort_keys=True)[:255]


def _edited_by_a_person(obj) -> bool:
    return Version.objects.get_for_object(obj).filter(revision__user__isnull=False).exists()


def sync_record(
    model,
    lookup: dict,
    fields: dict,
    *,
    links: dict | None = None,
    create_defaults: dict | None = None,
    report: list | None = None,
) -> Synced:
    """Create, update or leave one reference record by the rule above."""
    links = links or {}
    label = model._meta.label
    record = ReferenceRecord.objects.filter(model=label, key=_key(lookup)).first()
    obj = model._default_manager.filter(**lookup).first()
    loaded = _fingerprint(fields, links)

    def skip(action: str) -> Synced:
        if report is not None:
            report.append(f"{model._meta.verbose_name} {_key(lookup)}: {action}")
        return Synced(obj, action)

    if obj is None:
        if record is not None:
            return skip(SKIPPED_DELETED)
        obj = model(**lookup, **fields, **(create_defaults or {}))
        obj.save()
        action = CREATED
    else:
        current = _current(obj, fields, links)
        if record is not None and current != record.fingerprint:
            return skip(SKIPPED_CHANGED)
        if record is None and current != loaded and _edited_by_a_person(obj):
            return skip(SKIPPED_CHANGED)
        if current == loaded:
            action = UNCHANGED
        else:
            for name, value in fields.items():
                setattr(obj, name, value)
            obj.save()
            action = UPDATED
    for name, values in links.items():
        getattr(obj, name).set(values)
    if record is not None and record.fingerprint == loaded and action == UNCHANGED:
        return Synced(obj, action)
    ReferenceRecord.objects.update_or_create(
        model=label,
        key=_key(lookup),
        defaults={"object_id": str(obj.pk), "fingerprint": loaded},
    )
    return Synced(obj, action)
