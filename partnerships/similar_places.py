"""Similar places: loading the ONS clusters and nearest neighbours, and reading them back.

The data (partnerships/reference_data/similar_places/, see its SOURCES.md) is keyed on the
council codes in force in 2026. A code the Hub does not hold is looked up under the code it
replaced (and the other way round), and skipped, with a note, if neither is held.
"""

import csv
import json
from pathlib import Path

from django.conf import settings
from django.db import models

from partnerships.models import Place
from partnerships.models_similar import (
    SIMILAR_PLACES_SOURCE,
    PlaceCluster,
    PlaceNeighbour,
    SimilarityModel,
)

DATA_DIR = Path(settings.BASE_DIR) / "partnerships" / "reference_data" / "similar_places"
METHODOLOGY_URL = (
    "https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing/methodologies/"
    "clusteringsimilarlocalauthoritiesandstatisticalnearestneighboursintheukmethodology"
)
SOURCE_URL = "https://github.com/ONSdigital/explore-local-statistics-app"
# The ONS file's name for each model, as a column heading and a file name prefix.
ONS_NAMES = {
    SimilarityModel.OVERALL: "global",
    SimilarityModel.ECONOMIC: "economic",
    SimilarityModel.DEMOGRAPHIC: "demographic",
}
# Councils whose code changed: current code -> former code.
FORMER_CODES = {"E08000038": "E08000016", "E08000039": "E08000019"}
UNASSIGNED = "[x]"


def other_codes(code: str) -> list[str]:
    """The code itself, then the code it replaced or the code that replaced it."""
    former = FORMER_CODES.get(code)
    current = {old: new for new, old in FORMER_CODES.items()}.get(code)
    return [c for c in (code, former, current) if c]


def model_from(value) -> str:
    """A similarity model from a query parameter; the overall model for anything else."""
    return value if value in SimilarityModel.values else SimilarityModel.OVERALL


def neighbours_of(place: Place, model: str) -> list[PlaceNeighbour]:
    """The place's nearest neighbours under the model, nearest first: one query."""
    return list(
        PlaceNeighbour.objects.filter(place=place, model=model)
        .select_related("neighbour")
        .order_by("rank")
    )


def neighbour_ids(place: Place, model: str) -> list[int]:
    return list(
        PlaceNeighbour.objects.filter(place=place, model=model)
        .order_by("rank")
        .values_list("neighbour_id", flat=True)
    )


def cluster_of(place: Place, model: str) -> PlaceCluster | None:
    return PlaceCluster.objects.filter(place=place, model=model).first()


# Loading


def _read(name: str):
    with open(DATA_DIR / name, newline="", encoding="utf-8-sig") as handle:
        yield from csv.reader(handle)


def _sync(model: type[models.Model], key: tuple[str, ...], records: list[dict]) -> int:
    """Create or update records matched on the `key` fields; returns how many changed."""
    existing = {tuple(getattr(obj, f) for f in key): obj for obj in model.objects.all()}
    new, changed = [], []
    for record in records:
        obj = existing.get(tuple(record[f] for f in key))
        if obj is None:
            new.append(model(**record))
            continue
        fields = [f for f, value in record.items() if f not in key and getattr(obj, f) != value]
        for field in fields:
            setattr(obj, field, record[field])
        if fields:
            changed.append(obj)
    model.objects.bulk_create(new, batch_size=1000)
    update_fields = sorted({f for r in records for f in r} - set(key))
    if changed and update_fields:
        model.objects.bulk_update(changed, update_fields, batch_size=1000)
    return len(new) + len(changed)


def load_similar_places(stdout=None) -> dict[str, int]:
    """Load clusters and neighbours for every council, county and combined authority held."""
    ids = dict(Place.objects.exclude(gss_code=None).values_list("gss_code", "pk"))
    skipped: set[str] = set()

    def place_id(code: str) -> int | None:
        if not code:
            return None  # a list shorter than 20
        found = next((ids[c] for c in other_codes(code) if c in ids), None)
        if found is None:
            skipped.add(code)
        return found

    with open(DATA_DIR / "cluster-descriptions.json", encoding="utf-8-sig") as handle:
        descriptions = json.load(handle)
    rows = _read("cluster-allocation.csv")
    header = next(rows)
    columns = {model: header.index(ONS_NAMES[model].title()) for model in SimilarityModel}
    clusters = []
    for row in rows:
        pk = place_id(row[0])
        if pk is None:
            continue
        for model, column in columns.items():
            letter = "" if row[column] == UNASSIGNED else row[column].upper()
            description = descriptions[ONS_NAMES[model]].get(letter.lower(), "") if letter else ""
            clusters.append(
                {
                    "place_id": pk,
                    "model": model.value,
                    "cluster": letter,
                    "description": description,
                    "source": SIMILAR_PLACES_SOURCE,
                }
            )

    neighbours = []
    for model in SimilarityModel:
        rows = _read(f"{ONS_NAMES[model]}-neighbours.csv")
        next(rows)
        for row in rows:
            pk = place_id(row[0])
            if pk is None:
                continue
            for rank, code in enumerate(row[1:], start=1):
                neighbour = place_id(code)
                if neighbour is not None:
                    neighbours.append(
                        {
                            "place_id": pk,
                            "model": model.value,
                            "rank": rank,
                            "neighbour_id": neighbour,
                        }
                    )
    # Neighbours are a ranked list: rows beyond a shortened list would otherwise linger.
    kept = {(r["place_id"], r["model"], r["rank"]) for r in neighbours}
    stale = [
        pk
        for pk, *key in PlaceNeighbour.objects.values_list("pk", "place_id", "model", "rank")
        if tuple(key) not in kept
    ]
    PlaceNeighbour.objects.filter(pk__in=stale).delete()
    counts = {
        "clusters": _sync(PlaceCluster, ("place_id", "model"), clusters),
        "neighbours": _sync(PlaceNeighbour, ("place_id", "model", "rank"), neighbours),
        "skipped": len(skipped),
    }
    if stdout is not None and skipped:
        stdout.write(
            f"Similar places: skipped {len(skipped)} codes the Hub does not hold: "
            + ", ".join(sorted(skipped))
        )
    return counts
