"""Places as people name them: one resolver for names, codes, postcodes and near misses.

The finder, the gap map, the API, the outputs list and the suggestion form all ask
`resolve(text)`. It answers with exactly one place ("Glasgow" is Glasgow City), with the places
the text could mean ("Newcastle": upon Tyne or under Lyme), or with the closest few names
("Did you mean ..."), never with nothing. Other names come from licensed datasets through the
PlaceName table, never from a list typed in here.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext

from partnerships.models import Place, PlaceKind, PlaceName, PlaceNameKind
from partnerships.postcodes import InvalidPostcode, looks_like_postcode, normalise
from partnerships.postcodes import lookup as lookup_postcode

MAX_LENGTH = 120
SUGGESTIONS = 5
# Words that name the kind of council rather than the place ("Hull City Council" is Hull).
COUNCIL_WORDS = re.compile(
    r"\b(the|city of|county of|city and county of|metropolitan|borough|county|district|city|"
    r"council|ua|royal borough of|comhairle)\b"
)
_NAME_KINDS = [PlaceNameKind.EVERYDAY, PlaceNameKind.WELSH]
GSS_CODE = re.compile(r"^[EWSNK]\d{8}$", re.IGNORECASE)


def name_key(text: str) -> str:
    """The form names are compared in: 'St. Helens' and 'st helens', 'Ynys Môn' and 'ynys mon'."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ").replace("~", " ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def core_key(text: str) -> str:
    """The name without words for the kind of council: 'hull city council' -> 'hull'."""
    return " ".join(COUNCIL_WORDS.sub(" ", name_key(text)).split())


@dataclass
class Resolution:
    """What a piece of text means as a place."""

    text: str
    place: Place | None = None
    choices: list[Place] = field(default_factory=list)  # several places fit: ask
    suggestions: list[Place] = field(default_factory=list)  # none fits: the closest few
    postcode: str = ""  # the postcode, tidied, when the place came from one
    problem: str = ""  # why a postcode could not be used

    @property
    def resolved(self) -> bool:
        return self.place is not None


def resolve(text: str) -> Resolution:
    """The place a name, ONS code (current or former), slug or postcode means."""
    text = " ".join(str(text or "").replace("\x00", "").split())[:MAX_LENGTH]
    result = Resolution(text=text)
    if not text:
        return result
    by_code = _by_code_or_slug(text)
    if by_code is not None:
        result.place = by_code
        return result
    if looks_like_postcode(text):
        return _by_postcode(result)
    matches = _by_name(text)
    if len(matches) == 1:
        result.place = matches[0]
    elif matches:
        result.choices = matches
    else:
        result.suggestions = suggest(text)
    return result


def place_for_code(code: str) -> Place | None:
    """The place with this ONS code, current or former (Barnsley's E08000016 and E08000038)."""
    return _by_code_or_slug(code) if GSS_CODE.match(code or "") else None


def _by_code_or_slug(text: str) -> Place | None:
    place = Place.objects.filter(Q(gss_code__iexact=text) | Q(slug=text.lower())).first()
    if place is None and GSS_CODE.match(text):
        former = PlaceName.objects.filter(kind=PlaceNameKind.FORMER_CODE, key=name_key(text))
        place = Place.objects.filter(other_names__in=former).first()
    return place


def _by_postcode(result: Resolution) -> Resolution:
    try:
        found = lookup_postcode(result.text)
    except InvalidPostcode:  # pragma: no cover - looks_like_postcode has already checked
        result.problem = gettext("That is not a UK postcode.")
        return result
    result.postcode = normalise(result.text)
    if found is None:
        result.problem = gettext(
            "We could not find the postcode %(postcode)s in the ONS Postcode Directory. "
            "Check it, or type your council's name instead."
        ) % {"postcode": result.postcode}
        return result
    result.place = _by_code_or_slug(found.district_code)
    if result.place is None:
        result.problem = gettext(
            "%(postcode)s is in the area with ONS code %(code)s, which the Hub does not list "
            "yet. Type a larger area's name instead."
        ) % {"postcode": result.postcode, "code": found.district_code}
    return result


def _current_first(places) -> list[Place]:
    """Distinct places in name order; former bodies only when no current place fits."""
    unique = sorted({place.pk: place for place in places}.values(), key=lambda p: p.name)
    current = [place for place in unique if not place.is_former]
    return current or unique


def _by_name(text: str) -> list[Place]:
    key, core = name_key(text), core_key(text)
    if not key:
        return []
    places = Place.objects.all()
    # 1. The name itself, an official name or another name of the place ("Caerdydd").
    exact = places.filter(
        Q(name__iexact=text)
        | Q(official_name__iexact=text)
        | Q(other_names__key=key, other_names__kind__in=_NAME_KINDS)
    )
    exact = _current_first(exact)
    if len(exact) > 1:
        # "West Midlands" is the region; its combined authority goes by its official name.
        shown = [p for p in exact if name_key(p.display_name) == key]
        exact = shown or exact
    if exact:
        return exact
    if not core:
        return []
    # 2. The everyday name: the name without the kind of council ("Hull" for "Hull City
    # Council"), and the places whose name begins with it ("Newcastle upon Tyne").
    candidates = _current_first(
        places.filter(
            Q(other_names__key__startswith=core, other_names__kind__in=_NAME_KINDS)
            | Q(name__istartswith=core.split()[0])
            | Q(official_name__istartswith=core.split()[0])
        ).prefetch_related("other_names")
    )
    everyday = [p for p in candidates if core in _core_keys(p)]
    starting = [p for p in candidates if any(k.startswith(core + " ") for k in _keys(p))]
    if everyday:
        # Another place of the same kind whose name begins with it is a real alternative
        # (Newcastle-under-Lyme); a larger authority named after the town is not ("Hull and
        # East Yorkshire" for "Hull").
        kinds = {p.kind for p in everyday}
        return _current_first(everyday + [p for p in starting if p.kind in kinds])
    return starting


def _keys(place: Place) -> set[str]:
    keys = {name_key(place.name), name_key(place.official_name)}
    keys |= {n.key for n in place.other_names.all() if n.kind in _NAME_KINDS}
    return keys - {""}


def _core_keys(place: Place) -> set[str]:
    return {core_key(k) for k in _keys(place)} - {""}


def suggest(text: str, limit: int = SUGGESTIONS) -> list[Place]:
    """The places whose names are closest to the text, for "Did you mean" links.

    Trigram similarity on PostgreSQL, difflib's ratio elsewhere; and places whose name's first
    word is inside the text ("Londonderry" offers Derry City and Strabane, and London).
    """
    key = name_key(text)
    if len(key) < 3:
        return []
    if connection.vendor == "postgresql":
        close = _similar_on_postgresql(key, limit)
    else:
        close = _similar_in_python(key, limit)
    inside = _names_inside(key)
    found = _current_first(close + inside)
    order = {place.pk: index for index, place in enumerate(close + inside)}
    return sorted(found, key=lambda p: order[p.pk])[:limit]


def _name_rows():
    """(key, place id) for every name and other name, for matching in Python."""
    rows = [
        (name_key(name), pk)
        for pk, name, official in Place.objects.exclude(
            kind__in=[PlaceKind.NEIGHBOURHOOD, PlaceKind.COUNTRY]
        ).values_list("pk", "name", "official_name")
        for name in (name, official)
        if name
    ]
    rows += list(
        PlaceName.objects.filter(kind__in=_NAME_KINDS)
        .exclude(place__kind=PlaceKind.COUNTRY)
        .values_list("key", "place_id")
    )
    return rows


def _similar_in_python(key: str, limit: int) -> list[Place]:
    scores: dict[int, float] = {}
    for name, pk in _name_rows():
        for candidate in {name, core_key(name)}:
            ratio = difflib.SequenceMatcher(None, key, candidate).ratio()
            if ratio >= 0.75 and ratio > scores.get(pk, 0):
                scores[pk] = ratio
    best = sorted(scores, key=lambda pk: -scores[pk])[:limit]
    places = Place.objects.in_bulk(best)
    return [places[pk] for pk in best]


def _similar_on_postgresql(key: str, limit: int) -> list[Place]:
    from django.contrib.postgres.search import TrigramSimilarity

    uk = Place.objects.exclude(kind__in=[PlaceKind.NEIGHBOURHOOD, PlaceKind.COUNTRY])
    by_name = (
        uk.annotate(similarity=TrigramSimilarity("name", key))
        .filter(similarity__gte=0.4)
        .order_by("-similarity")[:limit]
    )
    by_other = (
        PlaceName.objects.filter(kind__in=_NAME_KINDS, place__in=uk)
        .annotate(similarity=TrigramSimilarity("key", key))
        .filter(similarity__gte=0.4)
        .select_related("place")
        .order_by("-similarity")[:limit]
    )
    scored = [(p.similarity, p) for p in by_name] + [(n.similarity, n.place) for n in by_other]
    scored.sort(key=lambda pair: -pair[0])
    return [place for _, place in scored]


def _names_inside(key: str) -> list[Place]:
    """Places whose name's first word (four letters or more) is inside a longer single word."""
    if " " in key or len(key) < 8:
        return []
    found = []
    names = Place.objects.exclude(kind__in=[PlaceKind.NEIGHBOURHOOD, PlaceKind.COUNTRY])
    for pk, name in names.values_list("pk", "name"):
        first = (core_key(name) or " ").split(" ")[0]
        if len(first) >= 4 and first != key and first in key:
            found.append(pk)
    places = Place.objects.in_bulk(found)
    return [places[pk] for pk in dict.fromkeys(found) if pk in places]
