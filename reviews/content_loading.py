"""The Hub's starter content, from the verified content pack in reference_data/content/.

Loads the kinds of intervention, key concepts, the Hub's outputs and the partnerships' projects,
the evaluated interventions with their outcomes and evaluations, and a summary of each published
Hub review. Every record keeps its source address (as `source`, its link, or its references).
Records are published when first created; running the loader again changes nothing.
"""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from lpip_hub.publishing import Publishable, Status
from lpip_hub.reference_sync import sync_record
from partnerships.models import Partnership, Place, PlaceKind
from reviews.models import (
    Direction,
    EvidenceReview,
    Intervention,
    InterventionKind,
    KeyConcept,
    Outcome,
    OutcomeType,
    Output,
    Policy,
    Reference,
    Theme,
)

CONTENT_DIR = Path(settings.BASE_DIR) / "reviews" / "reference_data" / "content"
HUB = "LPIP Strategic Coordination Hub"
# One line for each record a person has changed or deleted since it was loaded.
SKIPPED: list[str] = []


def _read(name: str) -> dict:
    return json.loads((CONTENT_DIR / name).read_text(encoding="utf-8"))


def _sync(
    model: type[models.Model], lookup: dict, fields: dict, links: dict | None = None
) -> models.Model | None:
    """Write one record by the reference-data rule (lpip_hub.reference_sync): None when a
    person has changed or deleted it since it was loaded, so the loader leaves it alone."""
    extra = {}
    if issubclass(model, Publishable):
        extra = {"status": Status.PUBLISHED, "published_at": timezone.now()}
    synced = sync_record(model, lookup, fields, links=links, create_defaults=extra, report=SKIPPED)
    return None if synced.skipped else synced.obj


class ContentLoader:
    def __init__(self):
        self.themes = {theme.order: theme for theme in Theme.objects.all()}
        self.outputs_by_url: dict[str, dict] = {}
        self.sources = _read("sources.json")["sources"]

    def load(self) -> dict[str, int]:
        kinds = self.load_kinds()
        outputs = self.load_outputs()
        projects = self.load_projects()
        concepts = self.load_concepts()
        interventions = self.load_interventions(kinds)
        reviews = self.load_reviews()
        return {
            "kinds of intervention": len(kinds),
            "outputs": outputs,
            "partnership projects": projects,
            "key concepts": concepts,
            "interventions": interventions,
            "reviews": reviews,
        }

    # Shared look-ups

    def _themes(self, orders) -> list[Theme]:
        return [self.themes[order] for order in orders if order in self.themes]

    def _places(self, codes) -> list[Place]:
        return list(Place.objects.filter(gss_code__in=codes)) if codes else []

    def _countries(self, codes) -> list[Place]:
        if not codes:
            return []
        return list(Place.objects.filter(kind=PlaceKind.COUNTRY, country_code__in=codes))

    def _source(self, url: str) -> Reference:
        """The reference for a cited page: an existing one with that address, or a new one."""
        existing = Reference.objects.filter(url=url).order_by("pk").first()
        if existing is not None:
            return existing
        output = self.outputs_by_url.get(url)
        if output is not None:
            year = int(output["date"][:4]) if output["date"] else None
            fields = {
                "authors": output["authors"] or HUB,
                "year": year,
                "title": output["title"],
                "publisher": HUB,
            }
        else:
            known = self.sources[url]
            fields = {
                "authors": known["authors"],
                "year": known.get("year"),
                "title": known["title"],
                "publisher": known.get("publisher", ""),
            }
        return _sync(Reference, {"url": url}, fields)

    def _sources(self, urls) -> list[Reference]:
        return [ref for ref in map(self._source, urls) if ref is not None]

    # Loaders

    def load_kinds(self) -> dict[str, tuple[InterventionKind, list[int]]]:
        data = _read("kinds.json")
        kinds = {}
        for row in data["kinds"]:
            kind = _sync(
                InterventionKind,
                {"slug": row["slug"]},
                {
                    "name": row["name"],
                    "description": row["description"],
                    "order": row["order"],
                    "source": data["source"],
                },
            )
            if kind is not None:
                kinds[row["slug"]] = (kind, row["themes"])
        return kinds

    def _output(self, row: dict, partnerships: list[Partnership]) -> Output:
        output = _sync(
            Output,
            {"slug": row["slug"]},
            {
                "kind": row["kind"],
                "title": row["title"],
                "date": date.fromisoformat(row["date"]) if row["date"] else None,
                "authors": row.get("authors", ""),
                "url": row["url"],
                "summary": row["summary"],
            },
            links={
                "themes": self._themes(row["themes"]),
                "places": self._places(row["places"]),
                "partnerships": partnerships,
            },
        )
        return output

    def load_outputs(self) -> int:
        rows = _read("outputs.json")["outputs"]
        for row in rows:
            self.outputs_by_url.setdefault(row["url"], row)
            partnerships = list(Partnership.objects.filter(slug__in=row["partnerships"]))
            self._output(row, partnerships)
        return len(rows)

    def load_projects(self) -> int:
        rows = _read("partnership_projects.json")["projects"]
        for row in rows:
            self._output(row, list(Partnership.objects.filter(slug=row["partnership"])))
        return len(rows)

    def load_concepts(self) -> int:
        rows = _read("concepts.json")["concepts"]
        for row in rows:
            _sync(
                KeyConcept,
                {"slug": row["slug"]},
                {"term": row["term"], "definition": row["definition"]},
                links={
                    "themes": self._themes(row["themes"]),
                    "references": self._sources(row["sources"]),
                },
            )
        return len(rows)

    def load_interventions(self, kinds) -> int:
        rows = _read("interventions.json")["interventions"]
        for row in rows:
            evaluation = row["evaluation"]
            reference = _sync(
                Reference,
                {"url": evaluation["url"], "title": evaluation["title"]},
                {"authors": evaluation["authors"], "year": evaluation["year"]},
            )
            fields = {"lead_body": row["lead_body"]}
            if not row.get("attach_to_existing"):
                fields.update(
                    name=row["name"],
                    summary=row["summary"],
                    description=f"**Where:** {row['places_text']}." if row["places_text"] else "",
                    scale=row["scale"],
                    start_year=row["start_year"],
                    end_year=row["end_year"],
                    source=row["source"],
                )
            else:
                fields.update(name=row["name"], summary=row["name"], source=row["source"])
            chosen = [kinds[slug] for slug in row["kinds"] if slug in kinds]
            links = {"kinds": [kind for kind, _ in chosen]}
            if not row.get("attach_to_existing"):
                orders = sorted({order for _, themes in chosen for order in themes})
                links["places"] = self._places(row["places"]) + self._countries(row["countries"])
                links["themes"] = self._themes(orders)
            existing = Intervention.objects.filter(slug=row["slug"]).first()
            if row.get("attach_to_existing") and existing is not None:
                # Another loader owns this record: add the pack's evidence, change nothing else.
                intervention = existing
                intervention.kinds.add(*links["kinds"])
                if not intervention.lead_body:
                    Intervention.objects.filter(pk=intervention.pk).update(
                        lead_body=row["lead_body"]
                    )
            else:
                intervention = _sync(Intervention, {"slug": row["slug"]}, fields, links)
            if intervention is None or reference is None:
                continue
            intervention.references.add(reference)
            # Only policies the pack names, and only once another loader has created them.
            named = Q(slug__in=row["policies"]) | Q(name__in=row.get("policy_names", []))
            intervention.policies.add(*Policy.objects.filter(named))
            self._outcomes(intervention, reference, row["outcomes"])
        return len(rows)

    def _outcomes(self, intervention, reference, outcomes: dict) -> None:
        direction = outcomes["direction"]
        for outcome_type in outcomes["types"]:
            label = OutcomeType(outcome_type).label.lower()
            if outcomes["finding"]:
                description = outcomes["finding"]
            elif direction == Direction.NOT_STATED:
                description = (
                    f"The evaluation looked at {label}; the source seen does not state the "
                    "direction of the effect."
                )
            else:
                effect = Direction(direction).label.lower()
                description = f"The evaluation reports a {effect} effect on {label}."
            _sync(
                Outcome,
                {
                    "intervention": intervention,
                    "outcome_type": outcome_type,
                    "reference": reference,
                },
                {
                    "description": description,
                    "direction": direction,
                    "evidence_strength": outcomes["evidence_strength"],
                    "evaluation_design": outcomes["evaluation_design"],
                },
            )

    def load_reviews(self) -> int:
        rows = _read("reviews.json")["reviews"]
        for row in rows:
            theme = self.themes[row["theme"]]
            fields = {
                "theme": theme,
                "title": row["title"],
                "authors": row["authors"],
                "summary": row["summary"],
                "full_report": theme.full_report,
            }
            fields.update({f"{key}_text": text for key, text in row["sections"].items()})
            _sync(
                EvidenceReview,
                {"slug": row["slug"]},
                fields,
                links={
                    "references": self._sources(row["sources"]),
                    "concepts": list(KeyConcept.objects.filter(themes=theme)),
                    "partnerships": list(theme.partnerships.all()),
                },
            )
        return len(rows)


def load_content(report: list | None = None) -> dict[str, int]:
    """Load the starter content; returns how many records of each kind the pack holds. Records
    left alone because people changed or deleted them are added to `report`."""
    SKIPPED.clear()
    counts = ContentLoader().load()
    if report is not None:
        report.extend(SKIPPED)
    return counts
