"""The place hierarchy, read in one query and cached, so no request walks it level by level.

A place can sit within several geographies (Birmingham within the West Midlands region and
within the West Midlands Combined Authority), so the hierarchy is a graph, not a tree.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache

CACHE_KEY = "partnerships:place-hierarchy:v1"


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
    hierarchy = cache.get(CACHE_KEY)
    if hierarchy is None:
        from partnerships.models import Place

        edges = Place.parents.through.objects.values_list("from_place_id", "to_place_id")
        hierarchy = PlaceHierarchy.from_edges(edges)
        cache.set(CACHE_KEY, hierarchy, timeout=None)
    return hierarchy


def forget_place_hierarchy(**kwargs) -> None:
    cache.delete(CACHE_KEY)
