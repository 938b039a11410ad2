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


def _read(name: str) -> dict:
    return json.loads((CONTENT_DIR / name).read_text(encoding="utf-8"))


def _sync(model: type[models.Model], lookup: dict, fields: dict) -> models.Model:
    """Create the record found by `lookup`, or bring its `fields` up to date.

    A new publishable record is published at once; an existing one keeps its status. A record
    whose fields already match is not saved again.
    """
    record = model.objects.filter(**lookup).first()
    if record is None:
        extra = {}
        if issubclass(model, Publishable):
            extra = {"status": Status.PUBLISHED, "published_at": timezone.now()}
        record = model(**lookup, **fields, **extra)
        record.save()
        return record
    changed = {name: value for name, value in fields.items() if getattr(record, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(record, name, value)
        record.save()
    return record


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
        )
        output.themes.set(self._themes(row["themes"]))
        output.places.set(self._places(row["places"]))
        output.partnerships.set(partnerships)
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
            concept = _sync(
                KeyConcept,
                {"slug": row["slug"]},
                {"term": row["term"], "definition": row["definition"]},
            )
            concept.themes.set(self._themes(row["themes"]))
            concept.references.set([self._source(url) for url in row["sources"]])
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
            elif not Intervention.objects.filter(slug=row["slug"]).exists():
                fields.update(name=row["name"], summary=row["name"], source=row["source"])
            intervention = _sync(Intervention, {"slug": row["slug"]}, fields)
            chosen = [kinds[slug] for slug in row["kinds"]]
            intervention.kinds.set([kind for kind, _ in chosen])
            if not row.get("attach_to_existing"):
                intervention.places.set(
                    self._places(row["places"]) + self._countries(row["countries"])
                )
                orders = sorted({order for _, themes in chosen for order in themes})
                intervention.themes.set(self._themes(orders))
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
            review = _sync(EvidenceReview, {"slug": row["slug"]}, fields)
            review.references.set([self._source(url) for url in row["sources"]])
            review.concepts.set(KeyConcept.objects.filter(themes=theme))
            review.partnerships.set(theme.partnerships.all())
        return len(rows)


def load_content() -> dict[str, int]:
    """Load the starter content; returns how many records of each kind the pack holds."""
    return ContentLoader().load()
