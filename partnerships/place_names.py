"""Loading the other names and former codes of places, from licensed datasets.

- Everyday and official variants of council names: mySociety's "UK Local Authority Names and
  Codes" lookups (MIT licence), copied unchanged into reference_data/places/mysociety/.
- Welsh names of the 22 Welsh principal areas: ONS (Open Government Licence v3.0).
- Former ONS codes: ONS code changes (code_changes.csv) and the former codes mySociety lists.
"""

import csv
from pathlib import Path

from partnerships.models import Place, PlaceName, PlaceNameKind
from partnerships.resolver import name_key

PLACES_DIR = Path(__file__).resolve().parent / "reference_data" / "places"
MYSOCIETY_DIR = PLACES_DIR / "mysociety"
MYSOCIETY_SOURCE = (
    "mySociety, UK Local Authority Names and Codes "
    "(github.com/mysociety/uk_local_authority_names_and_codes, commit 67ef8b1, 2025-07-10), "
    "MIT licence, copyright mySociety"
)
WELSH_SOURCE = (
    "ONS Ward to Local Authority District (May 2026) Lookup in the UK, field LAD26NMW; "
    "Open Government Licence v3.0"
)
# Text damaged in the source's encoding ("Sir Ynys M\ufffdn") is left out.
DAMAGED = ("\ufffd", "ï¿½", "ï¾")


def read(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def code_changes() -> dict[str, dict]:
    """Former ONS code -> its row in code_changes.csv (new_code, name, source)."""
    return {row["old_code"]: row for row in read(PLACES_DIR / "code_changes.csv")}


def load_place_names(places: dict[str, Place]) -> None:
    """Add every other name and former code the datasets give; running again adds nothing."""
    wanted: list[PlaceName] = []
    changes = code_changes()

    def current(code: str) -> Place | None:
        return places.get(changes[code]["new_code"] if code in changes else code)

    for old_code, row in changes.items():
        if place := current(old_code):
            wanted.append(_name(place, old_code, PlaceNameKind.FORMER_CODE, row["source"]))

    # mySociety keys each council by a registry code; a code can carry current and former GSS.
    codes_by_registry: dict[str, list[str]] = {}
    for row in read(MYSOCIETY_DIR / "lookup_gss_to_registry.csv"):
        codes_by_registry.setdefault(row["local-authority-code"], []).append(row["gss-code"])
    place_by_registry: dict[str, Place] = {}
    for registry, codes in codes_by_registry.items():
        found = [current(code) for code in codes if current(code) is not None]
        if len({p.pk for p in found}) != 1:
            continue  # a body with no current place here, or one the data cannot tell apart
        place = place_by_registry[registry] = found[0]
        for code in codes:
            if code != place.gss_code and code not in changes:
                wanted.append(_name(place, code, PlaceNameKind.FORMER_CODE, MYSOCIETY_SOURCE))

    for row in read(MYSOCIETY_DIR / "lookup_name_to_registry.csv"):
        place, name = place_by_registry.get(row["local-authority-code"]), row["la-name"]
        if place is None or any(mark in name for mark in DAMAGED):
            continue
        if name_key(name) not in (name_key(place.name), name_key(place.official_name)):
            wanted.append(_name(place, name, PlaceNameKind.EVERYDAY, MYSOCIETY_SOURCE))

    for row in read(PLACES_DIR / "welsh_names.csv"):
        place = places.get(row["gss_code"])
        if place is not None:
            wanted.append(_name(place, row["welsh_name"], PlaceNameKind.WELSH, WELSH_SOURCE))

    have = set(PlaceName.objects.values_list("place_id", "key", "kind"))
    new: dict[tuple, PlaceName] = {}
    for item in wanted:
        identity = (item.place_id, item.key, item.kind)
        if item.key and identity not in have:
            new.setdefault(identity, item)
    PlaceName.objects.bulk_create(new.values())


def _name(place: Place, name: str, kind: str, source: str) -> PlaceName:
    # bulk_create skips save(), so the comparison key is set here.
    return PlaceName(place=place, name=name, key=name_key(name), kind=kind, source=source)
