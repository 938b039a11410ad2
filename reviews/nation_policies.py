"""Loading policies by nation: devolved policies of Scotland, Wales and Northern Ireland, with
UK-wide and England-wide ones, from reviews/reference_data/policies_by_nation.json.

A policy already held under the same slug or name is updated, never loaded twice.
"""

import json
from pathlib import Path

from django.utils import timezone

from lpip_hub.publishing import Status
from partnerships.models import Place
from reviews.models import Policy

DATA_FILE = Path(__file__).resolve().parent / "reference_data" / "policies_by_nation.json"


def _sync(model, lookup: dict, fields: dict):
    """Create or update one record; a record created here is published when first loaded."""
    record = model.objects.filter(**lookup).first()
    if record is None:
        return model.objects.create(
            **lookup, **fields, status=Status.PUBLISHED, published_at=timezone.now()
        )
    changed = {name: value for name, value in fields.items() if getattr(record, name) != value}
    if changed:  # an unchanged record keeps its "updated" date
        for name, value in changed.items():
            setattr(record, name, value)
        record.save(update_fields=[*changed, "updated_at"])
    return record


def load_nation_policies(places: dict[str, Place]) -> list[Policy]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    loaded = []
    for row in data["policies"]:
        same = Policy.objects.filter(name__iexact=row["name"]).exclude(slug=row["slug"]).first()
        lookup = {"slug": same.slug if same else row["slug"]}
        policy = _sync(
            Policy,
            lookup,
            {
                "name": row["name"],
                "level": row["level"],
                "summary": row["summary"],
                "lead_body": row["lead_body"],
                "start_year": row["start_year"],
                "end_year": row["end_year"],
                "url": row["url"],
                "source": row["url"],
            },
        )
        policy.places.set([places[code] for code in row["places"]])
        loaded.append(policy)
    return loaded
