"""Places' Welsh names (the ONS Welsh names loaded as PlaceName rows), for Welsh pages.

Read in one query and cached under the content version, like the place hierarchy, so a Welsh
page costs no query per place.
"""

from django.core.cache import cache

from lpip_hub import page_cache

CACHE_PREFIX = "partnerships:welsh-place-names:v1"
CACHE_TIMEOUT = 24 * 60 * 60


def welsh_place_names() -> dict[int, str]:
    """Place id -> its Welsh name, for every place that has one."""
    key = f"{CACHE_PREFIX}:{page_cache.content_version()}"  # read before the names, never after
    names = cache.get(key)
    if names is None:
        names = _read()
        cache.set(key, names, CACHE_TIMEOUT)
    return names


def _read() -> dict[int, str]:
    from partnerships.models import PlaceName, PlaceNameKind

    rows = PlaceName.objects.filter(kind=PlaceNameKind.WELSH).order_by("place_id", "pk")
    names: dict[int, str] = {}
    for place_id, name in rows.values_list("place_id", "name"):
        names.setdefault(place_id, name)
    return names
