"""The place hierarchy, read in one query and cached, so no request walks it level by level.

A place can sit within several geographies (Birmingham within the West Midlands region and
within the West Midlands Combined Authority), so the hierarchy is a graph, not a tree.

The cached copy is keyed by the content version, which moves on only after a change commits,
so a request during an uncommitted change cannot store the old links for good.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache

from lpip_hub import page_cache

CACHE_PREFIX = "partnerships:place-hierarchy:v2"
CACHE_TIMEOUT = 24 * 60 * 60


@dataclass
class PlaceHierarchy:
    parents: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    children: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def from_edges(cls, edges) -> "PlaceHierarchy":
        hierarchy = cls()
        for child, parent in edges:
            hierarchy.parents[child].add(parent)
            hierarchy.children[parent].add(child)
        return hierarchy

    def _walk(self, start: int, links: dict[int, set[int]]) -> set[int]:
        seen: set[int] = set()
        todo = list(links.get(start, ()))
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(links.get(node, ()))
        seen.discard(start)
        return seen

    def ancestors(self, place_id: int) -> set[int]:
        """Every place that contains this one, at any distance."""
        return self._walk(place_id, self.parents)

    def descendants(self, place_id: int) -> set[int]:
        """Every place inside this one, at any distance."""
        return self._walk(place_id, self.children)

    def descendants_and_self(self, place_id: int) -> set[int]:
        return self.descendants(place_id) | {place_id}


def place_hierarchy() -> PlaceHierarchy:
    """The whole hierarchy, from the cache or from one query of the parent links."""
    key = f"{CACHE_PREFIX}:{page_cache.content_version()}"  # read before the links, never after
    hierarchy = cache.get(key)
    if hierarchy is None:
        from partnerships.models import Place

        edges = Place.parents.through.objects.values_list("from_place_id", "to_place_id")
        hierarchy = PlaceHierarchy.from_edges(edges)
        cache.set(key, hierarchy, timeout=CACHE_TIMEOUT)
    return hierarchy


def forget_place_hierarchy(using=None, **kwargs) -> None:
    """Rebuild the hierarchy on next use, once the current transaction has committed."""
    page_cache.content_changed_on_commit(using)
