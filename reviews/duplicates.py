"""Likely duplicates: an item with a similar name (in the same place) that the Hub already holds."""

import difflib
import re

from django.db.models import Q

STOPWORDS = {"the", "and", "for", "of", "in", "on", "to", "a", "an", "model", "programme", "scheme"}
SHORTLIST = 300


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in STOPWORDS}


def similarity(a: str, b: str) -> float:
    """1.0 for the same name; high when one name's words all appear in the other."""
    words_a, words_b = _words(a), _words(b)
    ratio = difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()
    if not words_a or not words_b:
        return ratio
    shared = len(words_a & words_b)
    contained = shared / min(len(words_a), len(words_b)) if shared >= 2 else 0.0
    return max(ratio, contained)


def likely_duplicates(queryset, name_field: str, name: str, places=None, exclude_pk=None):
    """Items in the queryset whose names are close to `name`, in any of `places` if given."""
    words = sorted((w for w in _words(name) if len(w) >= 4), key=len, reverse=True)[:4]
    if not words:
        words = [name.strip()]
    query = Q()
    for word in words:
        query |= Q(**{f"{name_field}__icontains": word})
    candidates = queryset.filter(query)
    if places:
        candidates = candidates.filter(places__in=list(places)).distinct()
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    scored = []
    for item in candidates.order_by("pk")[:SHORTLIST]:
        score = similarity(name, getattr(item, name_field))
        if score >= 0.75:
            scored.append((score, item))
    return [item for _score, item in sorted(scored, key=lambda s: -s[0])[:5]]
