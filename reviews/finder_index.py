"""The finder index: what each published intervention can be found by, kept in one narrow table.

Every place an intervention is in or within (its ancestors through every geography included),
its themes, published policies and partnerships, scale, setting, and for each outcome type and
direction (and `*` for any) the strongest evidence, are terms of one indexed table. A filter is
then one index lookup, and every facet is counted in one GROUP BY over the matching rows instead
of a join per facet. Rows are rewritten inside the transaction that changes an intervention, so
readers see the index and the content change together; `manage.py rebuild_finder_index`
rebuilds the whole table.
"""

import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import NamedTuple

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
    pre_save,
)
from django.utils import timezone

from lpip_hub.bulk import insert_rows
from lpip_hub.page_cache import content_version, is_shared
from lpip_hub.publishing import Status
from partnerships.hierarchy import PlaceHierarchy
from partnerships.models import Partnership, Place, PlaceKind
from reviews.models import (
    FinderCount,
    FinderEntry,
    FinderTerm,
    Intervention,
    Outcome,
    Policy,
    Theme,
)

PLACE, THEME, KIND, POLICY, PARTNERSHIP = "place", "theme", "kind", "policy", "partnership"
COUNCIL = "council"
NO_STRENGTH = -1  # a kept count's strength for terms without one
EVERYWHERE = ""  # the anchor of counts over every published intervention
# Places whose interventions are kept counted with each theme as well (a region's or a
# combined authority's with a theme are few enough to count from the index).
BROAD = (PlaceKind.UK, PlaceKind.NATION)


class Anchor(NamedTuple):
    """Kept counts over the interventions with a place other than a council, a theme, or one
    of each (`place|<id>`, `theme|<id>`, `place|<id>&theme|<id>`: `anchor_for`), or with one
    scale, setting, outcome type, direction or least evidence (`filter_anchor`)."""

    name: str


def anchor_for(place: str | None, kind: str | None, theme: str | None) -> Anchor | None:
    """The kept counts over the interventions in the place (its id and kind) and with the
    theme, either or both: kept for a theme, for a place other than a council, and for a
    nation (or the UK) with a theme; None for anything else. The one rule for what the writes
    keep (`_tally`) and what the finder reads (`InterventionFilter`)."""
    if place is None and theme is None:
        return None
    if place is not None and kind == PlaceKind.LOCAL_AUTHORITY:
        return None
    if place is not None and theme is not None and kind not in BROAD:
        return None
    terms = [(PLACE, place)] if place is not None else []
    terms += [(THEME, theme)] if theme is not None else []
    return Anchor("&".join(f"{facet}|{value}" for facet, value in terms))


class Places(NamedTuple):
    """What the writes need to know of the places, read once per write (`_places`)."""

    hierarchy: PlaceHierarchy
    kinds: dict[str, str]  # place id (as in the terms) -> kind
    councils: set[int]  # local authorities with an ONS code: drawn on the map


def _places() -> Places:
    # Read afresh: a change to the hierarchy or to a place's kind is itself a reason to rebuild.
    edges = Place.parents.through.objects.values_list("from_place_id", "to_place_id")
    kinds, councils = {}, set()
    for pk, kind, gss_code in Place.objects.values_list("pk", "kind", "gss_code"):
        kinds[str(pk)] = kind
        if kind == PlaceKind.LOCAL_AUTHORITY and gss_code:
            councils.add(pk)
    return Places(PlaceHierarchy.from_edges(edges), kinds, councils)


SCALE, SETTING, OUTCOME = "scale", "setting", "outcome"
ANY = "*"
CHUNK = 5000


def outcome_value(outcome_type: str | None, direction: str | None) -> str:
    return f"{outcome_type or ANY}|{direction or ANY}"


ANY_OUTCOME = outcome_value(None, None)


def filter_anchor(facet: str, value: str, least: int) -> Anchor | None:
    """The kept counts over the interventions with one index term that is not a place or a
    theme: a scale, a setting, an outcome type (any direction, any evidence), a direction (any
    type, any evidence), or evidence at a least level (any type, any direction); None for
    anything else. The one rule for what the writes keep (`_tally`) and what the finder reads
    (`InterventionFilter`). Each of these alone can match most interventions, so counting the
    matches afresh would take longest; the narrower terms (policies, partnerships, kinds, and
    these combined) are counted from the index."""
    if facet in (SCALE, SETTING) and not least:
        return Anchor(f"{facet}|{value}")
    if facet != OUTCOME:
        return None
    outcome_type, _, direction = value.partition("|")
    if (outcome_type == ANY) != (direction == ANY) and not least:
        return Anchor(f"{OUTCOME}|{value}")
    if outcome_type == direction == ANY and least:
        return Anchor(f"{OUTCOME}|{value}|{least}")
    return None


def _filter_anchors(terms: list[tuple]) -> list[tuple[str, Anchor]]:
    """(the facet counted without it, anchor) for each `filter_anchor` an intervention with
    these (facet, value, strength) terms is counted under."""
    anchors = []
    for facet, value, strength in terms:
        levels = range(1, strength + 1) if facet == OUTCOME and value == ANY_OUTCOME else [0]
        for least in levels:
            anchor = filter_anchor(facet, value, least)
            if anchor is not None:
                anchors.append((facet, anchor))
    return anchors


# Reading


def with_term(facet: str, value, min_strength: int = 0) -> QuerySet:
    """Ids of published interventions with the term (as a subquery)."""
    terms = FinderTerm.objects.filter(facet=facet, value=str(value))
    if min_strength:
        terms = terms.filter(strength__gte=min_strength)
    return terms.values("intervention_id")


def in_place(queryset: QuerySet, place: Place) -> QuerySet:
    """The interventions in the place or in any place within it."""
    return queryset.filter(pk__in=with_term(PLACE, place.pk))


def with_outcome(queryset: QuerySet, outcome_type, direction, min_evidence) -> QuerySet:
    """The interventions with one outcome of the type and direction, at the level or above."""
    value = outcome_value(outcome_type, direction)
    return queryset.filter(pk__in=with_term(OUTCOME, value, min_evidence or 0))


def matching_ids(terms: list[tuple[str, str, int]]) -> QuerySet:
    """The ids of indexed interventions with every (facet, value, least strength) term, read
    from the index alone: one index-only scan per term, no join to the interventions."""
    if not terms:
        return FinderEntry.objects.values("intervention_id")
    (facet, value, least), *rest = terms
    ids = with_term(facet, value, least)
    for facet, value, least in rest:
        ids = ids.filter(intervention_id__in=with_term(facet, value, least))
    return ids


TOTAL = "total"


def kept_total(anchor: Anchor | None) -> int:
    """How many published interventions have the anchor (None: every one), from the kept
    counts."""
    kept = FinderCount.objects.values_list("interventions", flat=True)
    try:
        return kept.get(
            anchor=EVERYWHERE if anchor is None else anchor.name,
            facet=TOTAL,
            value="",
            strength=NO_STRENGTH,
        )
    except FinderCount.DoesNotExist:
        return 0


class Within(NamedTuple):
    """Interventions found by filters the index does not hold (`ids`, a subquery: words, years,
    tags, places alike), all among those of an anchor (None: every published one) whose ids in
    the index are `base`. Counted directly when they are at most half of the anchor's, else as
    the anchor's kept counts less the counts of the rest, so a filter that keeps most
    interventions ("running in or after 2015") counts the few it leaves out."""

    ids: QuerySet
    anchor: Anchor | None
    base: QuerySet


def count_terms(groups: dict) -> dict:
    """{key: {facet: {(value, strength): interventions}}} for each group of facets, each
    counted over its own interventions, all in one query. `groups` maps a key to (ids, facets):
    ids a subquery of intervention ids (`matching_ids`), or None for every published one, or an
    Anchor for those with its term (the kept counts are read), or Within. Each group also gets
    {TOTAL: {(None, None): interventions}}."""
    sql, params = count_terms_sql(groups)
    keys = list(groups)
    counts = {key: defaultdict(dict) for key in keys}
    if not sql:
        return counts
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for number, facet, value, strength, n in rows:  # a Within's kept counts, then what it leaves
        if facet == TOTAL:
            value = strength = None
        counted = counts[keys[number]][facet]
        counted[(value, strength)] = counted.get((value, strength), 0) + n
        if not counted[(value, strength)]:
            del counted[(value, strength)]
    return counts


def count_terms_sql(groups: dict) -> tuple[str, list]:
    """The one query behind `count_terms` (also explained by the benchmark)."""
    quote = connection.ops.quote_name
    terms, entries, kept = (quote(m._meta.db_table) for m in (FinderTerm, FinderEntry, FinderCount))
    named, named_params, parts, params = [], [], [], []

    def kept_counts(number, anchor, marks, facets, condition=""):
        parts.append(
            f"SELECT {number}, facet, value, NULLIF(strength, %s), interventions FROM {kept} "
            f"WHERE anchor = %s AND facet IN (%s, {marks}) AND interventions > 0{condition}"
        )
        params.extend([NO_STRENGTH, EVERYWHERE if anchor is None else anchor.name, TOTAL, *facets])

    def counted(number, within, within_params, marks, facets, condition="", sign=""):
        if facets:
            parts.append(
                f"SELECT {number}, facet, value, strength, {sign}COUNT(*) FROM {terms} "
                f"WHERE facet IN ({marks}) AND intervention_id {within}{condition} "
                "GROUP BY facet, value, strength"
            )
            params.extend([*facets, *within_params])
        parts.append(
            f"SELECT {number}, %s, NULL, NULL, {sign}COUNT(*) FROM {entries} "
            f"WHERE intervention_id {within}{condition}"
        )
        params.extend([TOTAL, *within_params])

    for number, (ids, facets) in enumerate(groups.values()):
        facets = sorted(facets)
        marks = ", ".join(["%s"] * len(facets))
        if ids is None or isinstance(ids, Anchor):  # the kept counts, and their total
            kept_counts(number, ids, marks, facets)
            continue
        try:
            found_ids = ids.ids if isinstance(ids, Within) else ids
            sql, ids_params = found_ids.query.sql_with_params()
        except EmptyResultSet:  # nothing can match (a search without words): nothing to count
            continue
        if not isinstance(ids, Within):
            counted(number, f"IN ({sql})", ids_params, marks, facets)
            continue
        # Within: counted directly when what was found is at most half of the anchor's, else
        # the anchor's kept counts less the counts of the rest; each part is gated on `few`,
        # so PostgreSQL runs only one way.
        base_sql, base_params = ids.base.query.sql_with_params()
        found, rest, few = f"found{number}", f"rest{number}", f"few{number}"
        named += [
            f"{found} AS MATERIALIZED ({sql})",
            f"{rest} AS MATERIALIZED ({base_sql} EXCEPT SELECT * FROM {found})",
            f"{few} AS (SELECT (SELECT COUNT(*) FROM {found}) * 2 <= (SELECT COALESCE(MAX("
            f"interventions), 0) FROM {kept} WHERE anchor = %s AND facet = %s) AS direct)",
        ]
        anchor = EVERYWHERE if ids.anchor is None else ids.anchor.name
        named_params += [*ids_params, *base_params, anchor, TOTAL]
        direct, other = f" AND (SELECT direct FROM {few})", f" AND NOT (SELECT direct FROM {few})"
        counted(number, f"IN (SELECT * FROM {found})", [], marks, facets, direct)
        kept_counts(number, ids.anchor, marks, facets, other)
        # An array of the few left out lets PostgreSQL look each one up in the index.
        left_out = (
            f"= ANY(ARRAY(SELECT * FROM {rest}))"
            if connection.vendor == "postgresql"
            else f"IN (SELECT * FROM {rest})"
        )
        counted(number, left_out, [], marks, facets, other, sign="-")
    sql = " UNION ALL ".join(parts)  # noqa: S608 - names and marks only
    if named:
        sql = f"WITH {', '.join(named)} {sql}"
    return sql, named_params + params


# Writing


def _terms(ids: Iterable[int], places_known: Places) -> Iterator:
    """FinderEntry and FinderTerm objects for the published interventions among `ids`."""
    ids = list(ids)
    published = Intervention.objects.published().filter(pk__in=ids)
    rows = list(published.values_list("pk", "scale", "setting"))
    if not rows:
        return
    found = [pk for pk, _, _ in rows]

    def links(relation: str, target: str, **conditions) -> list[tuple[int, int]]:
        through = Intervention._meta.get_field(relation).remote_field.through
        return through.objects.filter(intervention_id__in=found, **conditions).values_list(
            "intervention_id", f"{target}_id"
        )

    hierarchy, councils = places_known.hierarchy, places_known.councils
    above: dict[int, set[int]] = {}
    places = defaultdict(set)
    for pk, place_id in links("places", "place"):
        if place_id not in above:
            above[place_id] = hierarchy.ancestors(place_id) | {place_id}
        places[pk] |= above[place_id]
    strongest: dict[int, dict[str, int]] = defaultdict(dict)
    outcomes = Outcome.objects.filter(intervention_id__in=found).values_list(
        "intervention_id", "outcome_type", "direction", "evidence_strength"
    )
    for pk, outcome_type, direction, strength in outcomes:
        best = strongest[pk]
        for value in {
            outcome_value(outcome_type, direction),
            outcome_value(outcome_type, None),
            outcome_value(None, direction),
            outcome_value(None, None),
        }:
            best[value] = max(best.get(value, 0), strength)
    for pk, scale, setting in rows:
        best = strongest.get(pk, {})
        yield FinderEntry(intervention_id=pk, strongest_evidence=best.get(ANY + "|" + ANY))
        yield FinderTerm(intervention_id=pk, facet=SCALE, value=scale)
        yield FinderTerm(intervention_id=pk, facet=SETTING, value=setting)
        for place_id in places.get(pk, ()):
            yield FinderTerm(intervention_id=pk, facet=PLACE, value=str(place_id))
            # The councils among them again, with the intervention's strongest evidence: the
            # finder's map is drawn from these rows alone (or from their kept counts).
            if place_id in councils:
                yield FinderTerm(
                    intervention_id=pk,
                    facet=COUNCIL,
                    value=str(place_id),
                    strength=best.get(ANY + "|" + ANY),
                )
        for value, strength in best.items():
            yield FinderTerm(intervention_id=pk, facet=OUTCOME, value=value, strength=strength)
    for facet, relation, target, conditions in (
        (THEME, "themes", "theme", {}),
        (KIND, "kinds", "interventionkind", {}),
        (POLICY, "policies", "policy", {"policy__status": Status.PUBLISHED}),
        (PARTNERSHIP, "partnerships", "partnership", {"partnership__status": Status.PUBLISHED}),
    ):
        for pk, target_id in links(relation, target, **conditions):
            yield FinderTerm(intervention_id=pk, facet=facet, value=str(target_id))


def _write(ids: list[int], places: Places) -> Counter:
    """Write the rows; returns how many of each counted term were written."""
    entries, terms = [], []
    for row in _terms(ids, places):
        (entries if isinstance(row, FinderEntry) else terms).append(row)
    insert_rows(
        FinderEntry,
        ["intervention_id", "strongest_evidence"],
        [(e.intervention_id, e.strongest_evidence) for e in entries],
    )
    insert_rows(
        FinderTerm,
        ["intervention_id", "facet", "value", "strength"],
        [(t.intervention_id, t.facet, t.value, t.strength) for t in terms],
    )
    return _tally([(t.intervention_id, t.facet, t.value, t.strength) for t in terms], places.kinds)


def _counted(ids: list[int], places: Places) -> Counter:
    rows = FinderTerm.objects.filter(intervention_id__in=ids).values_list(
        "intervention_id", "facet", "value", "strength"
    )
    return _tally(rows, places.kinds)


def _tally(rows: Iterable[tuple], kinds: dict[str, str]) -> Counter:
    """The kept counts {(anchor, facet, value, strength): interventions} of index rows
    (intervention, facet, value, strength) holding every term of each of their interventions:
    every counted term (places are only found by) and the total, over every intervention and
    over those with each anchor (`anchor_for`, `filter_anchor`; not counting the anchor's own
    facets, which are counted without their filters). `kinds` maps place ids to kinds."""
    by_intervention = defaultdict(list)
    for pk, facet, value, strength in rows:
        by_intervention[pk].append((facet, value, NO_STRENGTH if strength is None else strength))
    counts = Counter()
    for terms in by_intervention.values():
        places = [None] + [value for facet, value, _ in terms if facet == PLACE]
        themes = [None] + [value for facet, value, _ in terms if facet == THEME]
        anchors = []
        for place in places:
            for theme in themes:
                anchor = anchor_for(place, kinds.get(place), theme)
                if anchor is not None:
                    skipped = {PLACE} if place is not None else set()
                    anchors.append((skipped | ({THEME} if theme is not None else set()), anchor))
        anchors += [({facet}, anchor) for facet, anchor in _filter_anchors(terms)]
        counted = [term for term in terms if term[0] != PLACE] + [(TOTAL, "", NO_STRENGTH)]
        for term in counted:
            counts[(EVERYWHERE, *term)] += 1
            for skipped, anchor in anchors:
                if term[0] not in skipped:
                    counts[(anchor.name, *term)] += 1
    return counts


def _adjust_counts(before: Counter, after: Counter) -> None:
    """Add the difference to the kept counts: one upsert per 500 changed counts, in one order
    for every writer, so two writers lock the count rows without deadlock."""
    changes = sorted(
        (key, after[key] - before[key])
        for key in set(before) | set(after)
        if after[key] != before[key]
    )
    quote = connection.ops.quote_name
    table = quote(FinderCount._meta.db_table)
    key = ", ".join(quote(column) for column in ("anchor", "facet", "value", "strength"))
    total = quote("interventions")
    with connection.cursor() as cursor:
        for start in range(0, len(changes), 500):
            chunk = changes[start : start + 500]
            cursor.execute(
                f"INSERT INTO {table} ({key}, {total}) "  # noqa: S608 - names and marks only
                f"VALUES {', '.join(['(%s, %s, %s, %s, %s)'] * len(chunk))} "
                f"ON CONFLICT ({key}) DO UPDATE SET {total} = {table}.{total} + excluded.{total}",
                [part for counted, change in chunk for part in (*counted, change)],
            )


def _delete(ids: list[int] | None) -> None:
    # Raw deletes: the rows have no dependants, so nothing needs collecting or signalling.
    with connection.cursor() as cursor:
        for model in (FinderTerm, FinderEntry):
            table = connection.ops.quote_name(model._meta.db_table)
            column = "intervention_id"
            if ids is None:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608
            else:
                for start in range(0, len(ids), 900):
                    chunk = ids[start : start + 900]
                    marks = ", ".join(["%s"] * len(chunk))
                    cursor.execute(
                        f"DELETE FROM {table} WHERE {column} IN ({marks})",  # noqa: S608
                        chunk,
                    )


_upkeep = threading.local()


@contextmanager
def paused():
    """Skip the index upkeep of each write made inside: for bulk jobs (generating or clearing
    synthetic data) that rebuild the whole index once, in the same transaction, afterwards."""
    _upkeep.paused = getattr(_upkeep, "paused", 0) + 1
    try:
        yield
    finally:
        _upkeep.paused -= 1


def _is_paused() -> bool:
    return bool(getattr(_upkeep, "paused", 0))


def refresh(ids: Iterable[int]) -> None:
    """Rewrite the index rows of these interventions (removing those no longer published)."""
    if _is_paused():
        return
    ids = sorted({pk for pk in ids if pk is not None})
    if not ids:
        return
    with transaction.atomic():
        places = _places()
        before = _counted(ids, places)
        _delete(ids)
        _adjust_counts(before, _write(ids, places))


def refresh_due(now=None) -> None:
    """Rewrite the rows of the interventions whose go-live or expiry time has passed (before
    publish_scheduled records it) and whose index rows do not yet show it: those gone live and
    not in the index, and those expired and still in it. Nothing is written once it agrees."""
    now = now or timezone.now()
    indexed = Exists(FinderEntry.objects.filter(intervention_id=OuterRef("pk")))
    live = Q(go_live_at__lte=now) & (Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    with transaction.atomic():
        # Locked, and skipped when locked: two processes catching up at once never rewrite the
        # same intervention's rows together (the second's insert would fail on the first's).
        due = (
            Intervention.objects.select_for_update(skip_locked=True)
            .filter(status=Status.PUBLISHED)
            .filter((live & ~indexed) | (Q(expire_at__lte=now) & indexed))
            .order_by()
        )
        refresh(due.values_list("pk", flat=True))


def catch_up_with_schedule() -> None:
    """Once for each scheduled moment that passes: bring the index up to date with it.

    The content version counts the scheduled moments passed since the content last changed
    (lpip_hub.page_cache); the first finder read under a version that has passed one refreshes
    the interventions due, so the index never waits for publish_scheduled."""
    version = content_version()
    if not is_shared(version):
        # The cache cannot say whether a moment has passed: ask the database on each read. It is
        # one lookup in the small indexes of scheduled times, and writes only what disagrees.
        refresh_due()
        return
    _, dot, passed = version.rpartition(".")
    if dot and passed != "0" and cache.add(f"lpip:finder-due:{version}", 1, 60 * 60):
        refresh_due()


def rebuild() -> int:
    """Rebuild the whole index; returns the number of published interventions in it."""
    with transaction.atomic():
        _delete(None)
        places = _places()
        ids = list(Intervention.objects.published().order_by("pk").values_list("pk", flat=True))
        counts = Counter()
        for start in range(0, len(ids), CHUNK):
            counts += _write(ids[start : start + CHUNK], places)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(FinderCount._meta.db_table)}")
        insert_rows(
            FinderCount,
            ["anchor", "facet", "value", "strength", "interventions"],
            [(*counted, n) for counted, n in counts.items()],
        )
    return len(ids)


# Keeping it up to date


def _rebuild_once_on_commit() -> None:
    """A change to the place hierarchy touches everything: rebuild once, after commit."""
    pending = any(
        getattr(item[1], "__name__", "") == "_rebuild_after_commit"
        for item in connection.run_on_commit
    )
    if not pending:
        transaction.on_commit(_rebuild_after_commit)


def _rebuild_after_commit() -> None:
    rebuild()


def _intervention_saved(sender, instance, **kwargs) -> None:
    refresh([instance.pk])


def _intervention_deleted(sender, instance, **kwargs) -> None:
    refresh([instance.pk])  # gone, so its rows go and the kept counts fall


def _outcome_changed(sender, instance, **kwargs) -> None:
    refresh([instance.intervention_id])


def _related_interventions(instance) -> list[int]:
    return list(instance.interventions.values_list("pk", flat=True))


def _linked_saved(sender, instance, **kwargs) -> None:
    # A policy or partnership published or withdrawn changes what its interventions show.
    refresh(_related_interventions(instance))


def _linked_deleting(sender, instance, **kwargs) -> None:
    if _is_paused():
        return
    ids = _related_interventions(instance)
    transaction.on_commit(lambda: refresh(ids))


def _links_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action == "pre_clear" and reverse:
        instance._finder_cleared = _related_interventions(instance)
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        refresh([instance.pk])
    elif action == "post_clear":
        refresh(getattr(instance, "_finder_cleared", []))
    else:
        refresh(pk_set or [])


def _hierarchy_changed(sender, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _rebuild_once_on_commit()


def connect_signals() -> None:
    uid = "finder-index"
    post_save.connect(_intervention_saved, sender=Intervention, dispatch_uid=uid)
    post_delete.connect(_intervention_deleted, sender=Intervention, dispatch_uid=uid)
    post_save.connect(_outcome_changed, sender=Outcome, dispatch_uid=uid)
    post_delete.connect(_outcome_changed, sender=Outcome, dispatch_uid=uid)
    for model in (Policy, Partnership):
        post_save.connect(_linked_saved, sender=model, dispatch_uid=uid)
        pre_delete.connect(_linked_deleting, sender=model, dispatch_uid=uid)
    pre_delete.connect(_linked_deleting, sender=Theme, dispatch_uid=uid)
    for relation in ("places", "themes", "kinds", "policies", "partnerships"):
        through = Intervention._meta.get_field(relation).remote_field.through
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=uid)
    m2m_changed.connect(_hierarchy_changed, sender=Place.parents.through, dispatch_uid=uid)
    pre_delete.connect(_place_deleting, sender=Place, dispatch_uid=uid)
    pre_save.connect(_place_saving, sender=Place, dispatch_uid=uid)
    post_save.connect(_place_saved, sender=Place, dispatch_uid=uid)
    post_migrate.connect(fill_if_empty, sender=apps.get_app_config("reviews"), dispatch_uid=uid)


def _place_deleting(sender, instance, **kwargs) -> None:
    _rebuild_once_on_commit()


def _place_saving(sender, instance, raw=False, **kwargs) -> None:
    """A place that becomes or stops being a council, a nation or the UK changes which terms
    and kept counts the index holds for it: rebuild once it is saved (_place_saved)."""
    if raw or instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values_list("kind", "gss_code").first()
    instance._finder_kind_changed = before is not None and before != (
        instance.kind,
        instance.gss_code,
    )


def _place_saved(sender, instance, **kwargs) -> None:
    if getattr(instance, "_finder_kind_changed", False):
        instance._finder_kind_changed = False
        _rebuild_once_on_commit()


def fill_if_empty(**kwargs) -> None:
    """After migrate: build the index for a database whose interventions predate it, or
    whose counts were kept by an earlier version of it."""
    never_built = not FinderEntry.objects.exists() and Intervention.objects.published().exists()
    # Counted before counts were kept by anchor (migration 0017 forgets them).
    not_counted = (
        FinderEntry.objects.exists()
        and not FinderCount.objects.filter(anchor=EVERYWHERE, facet=TOTAL).exists()
    )
    if never_built or not_counted:
        rebuild()
