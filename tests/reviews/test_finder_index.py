"""The finder index: the same answers as the interventions themselves, and never a draft."""

import datetime
import io
import itertools
import random
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lpip_hub.publishing import Status
from partnerships.hierarchy import PlaceHierarchy
from partnerships.models import Place
from reviews import filters, finder_index
from reviews.filters import InterventionFilter
from reviews.models import (
    Direction,
    FinderCount,
    FinderEntry,
    FinderTerm,
    Intervention,
    OutcomeType,
    Scale,
    Setting,
)
from reviews.views.finder import finder_queryset
from tests.factories import (
    InterventionFactory,
    OutcomeFactory,
    PartnershipFactory,
    PlaceFactory,
    PolicyFactory,
    ThemeFactory,
    west_midlands,
)

pytestmark = pytest.mark.django_db
FACETS = ["theme", "scale", "setting", "policy", "partnership", "outcome"]
TYPES = [OutcomeType.EMPLOYMENT, OutcomeType.SKILLS, OutcomeType.HEALTH]
DIRECTIONS = [Direction.POSITIVE, Direction.MIXED, Direction.NEGATIVE]


def _kept_counts() -> dict:
    counts = finder_index.count_terms({"all": (None, FACETS)})["all"]
    counts.pop(finder_index.TOTAL, None)
    return counts


@pytest.fixture
def evidence():
    yield _evidence()
    _loaded.clear()


def _evidence():
    """Forty interventions, some drafts, spread over a small geography with mixed outcomes."""
    rng = random.Random(7)
    places = west_midlands()
    places["leeds"] = PlaceFactory(name="Leeds", slug="leeds", gss_code="E08000035")
    places["coventry"] = PlaceFactory(
        name="Coventry", slug="coventry", gss_code="E08000026", parents=[places["region"]]
    )
    themes = [ThemeFactory(slug="skills"), ThemeFactory(slug="housing")]
    policies = [PolicyFactory(slug="live-policy"), PolicyFactory(slug="draft-policy", draft=True)]
    partnership = PartnershipFactory(slug="lpip")
    located = [places[name] for name in ("birmingham", "coventry", "leeds", "wmca", "region")]
    for n in range(40):
        item = InterventionFactory(
            name=f"Scheme {n}",
            status=Status.DRAFT if n % 9 == 0 else Status.PUBLISHED,
            places=rng.sample(located, rng.randint(0, 2)),
            themes=rng.sample(themes, rng.randint(0, 2)),
            policies=rng.sample(policies, rng.randint(0, 2)),
            partnerships=[partnership] if n % 3 == 0 else [],
            scale=rng.choice([Scale.LOCAL, Scale.REGIONAL]),
            setting=rng.choice([Setting.URBAN, Setting.RURAL]),
            start_year=2000 + n % 20,
            end_year=None if n % 4 == 0 else 2000 + n % 20 + n % 5,
        )
        for _ in range(rng.randint(0, 3)):
            OutcomeFactory(
                intervention=item,
                outcome_type=rng.choice(TYPES),
                direction=rng.choice(DIRECTIONS),
                evidence_strength=rng.randint(0, 5),
            )
    return places


_loaded = {}


def expected(data: dict) -> set[int]:
    """The published interventions matching `data`, worked out from the interventions alone."""
    if "items" not in _loaded:
        edges = Place.parents.through.objects.values_list("from_place_id", "to_place_id")
        _loaded["hierarchy"] = PlaceHierarchy.from_edges(edges)
        _loaded["items"] = list(
            Intervention.objects.published().prefetch_related(
                "places", "themes", "policies", "partnerships", "outcomes"
            )
        )
    hierarchy = _loaded["hierarchy"]
    found = set()
    for item in _loaded["items"]:
        place = data.get("place")
        if place:
            within = hierarchy.descendants_and_self(place.pk)
            if not any(p.pk in within for p in item.places.all()):
                continue
        if data.get("theme") and data["theme"] not in item.themes.all():
            continue
        if data.get("policy") and data["policy"] not in item.policies.all():
            continue
        if data.get("partnership") and data["partnership"] not in item.partnerships.all():
            continue
        if data.get("scale") and item.scale != data["scale"]:
            continue
        if data.get("setting") and item.setting != data["setting"]:
            continue
        if data.get("year_from") and not (
            (item.end_year or 0) >= data["year_from"] or item.end_year is None
        ):
            continue
        if data.get("year_to") and item.start_year > data["year_to"]:
            continue
        if any(data.get(n) for n in ("outcome_type", "direction", "min_evidence")) and not any(
            (not data.get("outcome_type") or o.outcome_type == data["outcome_type"])
            and (not data.get("direction") or o.direction == data["direction"])
            and o.evidence_strength >= (data.get("min_evidence") or 0)
            for o in item.outcomes.all()
        ):
            continue
        found.add(item.pk)
    return found


def finder(query: dict) -> InterventionFilter:
    filterset = InterventionFilter(query, queryset=finder_queryset())
    assert filterset.is_valid(), filterset.errors
    return filterset


GRID = list(
    itertools.product(
        [None, "E92000001", "E47000007", "E08000025"],
        [None, "skills"],
        [None, "live-policy"],
        [None, OutcomeType.SKILLS],
        [None, Direction.POSITIVE],
        [None, 3],
    )
)


def _query(combo) -> dict:
    names = ("place", "theme", "policy", "outcome_type", "direction", "min_evidence")
    return {name: value for name, value in zip(names, combo, strict=True) if value is not None}


def test_index_results_equal_the_interventions_for_a_grid_of_filters(evidence):
    for combo in GRID:
        filterset = finder(_query(combo))
        got = set(filterset.qs.values_list("pk", flat=True))
        assert got == expected(filterset.form.cleaned_data), combo
        # Counted without the facets: from the kept counts for an anchor, else the index.
        assert finder(_query(combo)).total() == len(got), combo


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"place": "E12000005"},
        {"theme": "skills"},
        {"place": "E08000025"},
        {"place": "E92000001", "theme": "skills"},
        {"outcome_type": OutcomeType.SKILLS},
        {"direction": Direction.POSITIVE},
        {"min_evidence": 3},
        {"scale": Scale.LOCAL},
        {"setting": Setting.URBAN},
        {"direction": Direction.POSITIVE, "min_evidence": 3},
        {"place": "E47000007", "outcome_type": OutcomeType.HEALTH, "direction": Direction.MIXED},
        {"policy": "live-policy", "partnership": "lpip", "setting": Setting.URBAN},
        # Years are not in the index: most interventions, counted as the kept counts less the
        # few left out, over everything or within an anchor; or few, counted directly.
        {"year_from": 2003},
        {"year_to": 2004},
        {"place": "E12000005", "year_from": 2003},
        {"theme": "skills", "year_to": 2015},
        {"outcome_type": OutcomeType.SKILLS, "year_from": 2002},
        {"place": "E08000025", "year_from": 2003},
        {"policy": "live-policy", "year_from": 2003},
    ],
)
def test_each_facet_count_is_what_choosing_that_option_would_find(evidence, query):
    """A count beside an option is the number of results the visitor gets by choosing it."""
    filterset = finder(query)
    for facet in filterset.count_facets():
        for option in facet.options:
            chosen = dict(filterset.form.cleaned_data, **{facet.name: option.value})
            if facet.name in ("theme", "policy", "partnership"):
                chosen[facet.name] = finder({facet.name: option.value}).form.cleaned_data[
                    facet.name
                ]
            assert option.count == len(expected(chosen)), (facet.name, option.value)


SINGLE_FILTERS = [
    *({"scale": scale} for scale in (Scale.LOCAL, Scale.REGIONAL, Scale.NATIONAL)),
    *({"setting": setting} for setting in (Setting.URBAN, Setting.RURAL)),
    *({"outcome_type": outcome_type} for outcome_type in TYPES),
    *({"direction": direction} for direction in DIRECTIONS),
    *({"min_evidence": level} for level in range(1, 6)),
]


def test_one_broad_filter_alone_is_answered_from_kept_counts(evidence):
    """A scale, setting, outcome type, direction or least evidence on its own can match most
    interventions: its total and facets are read from counts kept for it, and they are what
    the interventions themselves give."""
    for query in SINGLE_FILTERS:
        filterset = finder(query)
        assert isinstance(filterset.matching_ids(kept=True), finder_index.Anchor), query
        assert filterset.total() == len(expected(filterset.form.cleaned_data)), query
        with_policy = finder({**query, "policy": "live-policy"})
        assert not isinstance(with_policy.matching_ids(kept=True), finder_index.Anchor), query


@pytest.mark.parametrize(
    ("query", "counted"),
    [
        ({"year_from": 2003}, "within"),
        ({"year_to": 2004}, "within"),
        ({"place": "E12000005", "year_from": 2003}, "within"),
        ({"min_evidence": 2, "year_from": 2003}, "within"),
        ({"place": "E08000025", "year_from": 2003}, "afresh"),
        ({"place": "E12000005", "policy": "live-policy", "year_from": 2003}, "afresh"),
    ],
)
def test_filters_the_index_does_not_hold_are_counted_within_an_anchor(evidence, query, counted):
    """Years narrow the kept counts of the other filters when those are an anchor's (or there
    are none): the total is right whether the years keep most interventions or few."""
    filterset = finder(query)
    ids = filterset.matching_ids(kept=True)
    assert isinstance(ids, finder_index.Within) == (counted == "within")
    found = expected(filterset.form.cleaned_data)
    assert filterset.term_counts()[()][finder_index.TOTAL] == {(None, None): len(found)}
    assert finder(query).total() == len(found)


def test_drafts_are_never_in_the_index(evidence):
    drafts = set(Intervention.objects.exclude(status=Status.PUBLISHED).values_list("pk", flat=True))
    assert drafts
    indexed = set(FinderEntry.objects.values_list("intervention_id", flat=True))
    assert indexed == set(Intervention.objects.published().values_list("pk", flat=True))
    assert not drafts & set(FinderTerm.objects.values_list("intervention_id", flat=True))


def test_draft_policies_are_not_terms(evidence):
    assert not FinderTerm.objects.filter(
        facet="policy", value=str(PolicyFactory._meta.model.objects.get(slug="draft-policy").pk)
    ).exists()


def test_rebuild_command_gives_the_same_index_as_keeping_it_up_to_date(evidence):
    def snapshot():
        return sorted(
            FinderTerm.objects.values_list("intervention_id", "facet", "value", "strength")
        )

    def counts():
        return sorted(
            (facet, value, strength, n)
            for facet, values in _kept_counts().items()
            for (value, strength), n in values.items()
        )

    kept, kept_counts = snapshot(), counts()
    FinderTerm.objects.all().delete()
    call_command("rebuild_finder_index", verbosity=0)
    assert snapshot() == kept
    assert counts() == kept_counts


def test_publishing_unpublishing_and_editing_update_the_index():
    places = west_midlands()
    item = InterventionFactory(draft=True, places=[places["birmingham"]])
    assert not finder_index.with_term("place", places["england"].pk).exists()
    item.status = Status.PUBLISHED
    item.save()
    assert list(finder_index.with_term("place", places["england"].pk)) == [
        {"intervention_id": item.pk}
    ]
    OutcomeFactory(intervention=item, outcome_type=OutcomeType.SKILLS, evidence_strength=4)
    assert finder_index.with_term("outcome", "skills|*", 4).exists()
    item.places.set([places["wmca"]])
    assert not finder_index.with_term("place", places["england"].pk).exists()
    theme = ThemeFactory()
    theme.interventions.add(item)
    assert finder_index.with_term("theme", theme.pk).exists()
    item.status = Status.DRAFT
    item.save()
    assert not FinderTerm.objects.filter(intervention_id=item.pk).exists()


def test_unpublishing_a_policy_takes_it_out_of_its_interventions_terms():
    policy = PolicyFactory()
    InterventionFactory(policies=[policy])
    assert finder_index.with_term("policy", policy.pk).exists()
    policy.status = Status.DRAFT
    policy.save()
    assert not finder_index.with_term("policy", policy.pk).exists()


def test_deleting_an_intervention_removes_its_rows_and_counts():
    item = InterventionFactory(themes=[ThemeFactory()])
    OutcomeFactory(intervention=item)
    assert _kept_counts()["theme"]
    item.delete()
    assert not FinderEntry.objects.exists()
    assert not FinderTerm.objects.exists()
    assert not _kept_counts()


def test_a_change_to_the_place_hierarchy_rebuilds_the_index_after_commit(
    django_capture_on_commit_callbacks,
):
    county = PlaceFactory(kind="county")
    district = PlaceFactory()
    InterventionFactory(places=[district])
    with django_capture_on_commit_callbacks(execute=True):
        district.parents.add(county)
    assert finder_index.with_term("place", county.pk).exists()


def test_a_facet_the_index_does_not_hold_is_counted_the_same_way(evidence, monkeypatch):
    def counts():
        return {
            facet.name: [(option.value, option.count) for option in facet.options]
            for facet in finder({"place": "E12000005", "theme": "skills"}).count_facets()
        }

    indexed = counts()
    for name in ("theme", "scale", "policy"):
        monkeypatch.delitem(filters.INDEXED_FACETS, name)
    plain = counts()
    for name in ("theme", "scale", "policy"):
        assert plain[name] == indexed[name], name


def _kept(facet, value) -> int:
    return sum(
        FinderCount.objects.filter(
            anchor=finder_index.EVERYWHERE, facet=facet, value=str(value)
        ).values_list("interventions", flat=True)
    )


def kept_counts() -> dict:
    rows = FinderCount.objects.values_list("anchor", "facet", "value", "strength", "interventions")
    return {(anchor, facet, value, strength): n for anchor, facet, value, strength, n in rows if n}


def counts_of_the_terms() -> dict:
    rows = FinderTerm.objects.values_list("intervention_id", "facet", "value", "strength")
    return dict(finder_index._tally(rows, finder_index._places().kinds))


def test_counts_kept_by_each_write_equal_a_recount(evidence):
    """Every count kept by the writes that made the evidence (over everything, and over each
    region, nation and theme) is what counting the index afresh gives."""
    kept = kept_counts()
    assert any(anchor.startswith("place|") for anchor, *_ in kept)
    assert any(anchor.startswith("theme|") for anchor, *_ in kept)
    assert any(anchor.startswith("place|") and "&theme|" in anchor for anchor, *_ in kept)
    for anchor in (
        f"outcome|{OutcomeType.SKILLS}|*",
        f"outcome|*|{Direction.POSITIVE}",
        "outcome|*|*|3",
        f"scale|{Scale.LOCAL}",
        f"setting|{Setting.URBAN}",
    ):
        assert any(kept_anchor == anchor for kept_anchor, *_ in kept), anchor
    assert kept == counts_of_the_terms()
    finder_index.rebuild()
    assert kept_counts() == kept


def test_publish_scheduled_brings_the_index_and_its_counts_up_to_date():
    theme = ThemeFactory(slug="timed")
    now = timezone.now()
    coming = InterventionFactory(themes=[theme], go_live_at=now + datetime.timedelta(hours=1))
    going = InterventionFactory(themes=[theme], expire_at=now + datetime.timedelta(hours=1))
    assert set(FinderEntry.objects.values_list("intervention_id", flat=True)) == {going.pk}
    assert _kept(finder_index.THEME, theme.pk) == 1
    # Time passes: both moments are behind us (written without signals, as time would).
    Intervention.objects.filter(pk=coming.pk).update(go_live_at=now - datetime.timedelta(hours=1))
    Intervention.objects.filter(pk=going.pk).update(expire_at=now - datetime.timedelta(hours=1))
    call_command("publish_scheduled", stdout=io.StringIO())
    assert set(FinderEntry.objects.values_list("intervention_id", flat=True)) == {coming.pk}
    assert set(FinderTerm.objects.values_list("intervention_id", flat=True)) == {coming.pk}
    assert _kept(finder_index.THEME, theme.pk) == 1


def test_the_finder_follows_a_go_live_moment_before_publish_scheduled_runs(client):
    geography = west_midlands()
    theme = ThemeFactory(slug="timed")
    moment = timezone.now() + datetime.timedelta(seconds=5)
    InterventionFactory(
        name="Soon live", themes=[theme], places=[geography["birmingham"]], go_live_at=moment
    )
    query = {"place": "E12000005", "theme": "timed"}
    assert client.get("/interventions/", query).context["results"] == []
    assert client.get("/api/interventions/", {"theme": "timed"}).json()["count"] == 0
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.5)
    # The API first: its count is read from the kept counts, without the finder's facets.
    api = client.get("/api/interventions/", {"theme": "timed"}).json()
    assert (api["count"], [item["name"] for item in api["results"]]) == (1, ["Soon live"])
    response = client.get("/interventions/", query)
    assert [item.name for item, _ in response.context["results"]] == ["Soon live"]
    assert response.context["page_obj"].paginator.count == 1


def test_the_uk_map_follows_a_go_live_moment_before_publish_scheduled_runs(client):
    """The home page's and /map/'s counts come from the index too."""
    geography = west_midlands()
    moment = timezone.now() + datetime.timedelta(seconds=5)
    InterventionFactory(places=[geography["birmingham"]], go_live_at=moment)

    def birmingham():
        councils = client.get("/map/").context["evidence_map"].councils
        return next(council.count for council in councils if council.name == "Birmingham")

    assert birmingham() == 0
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.5)
    assert birmingham() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_two_publishes_at_once_leave_the_index_consistent():
    shared, kept = ThemeFactory(slug="shared"), ThemeFactory(slug="kept")
    InterventionFactory(themes=[kept])  # a term with a kept count already
    drafts = [InterventionFactory(draft=True, themes=[shared, kept]) for _ in range(2)]
    start = threading.Barrier(2, timeout=30)
    failures = []

    def publish(pk):
        try:
            with transaction.atomic():
                item = Intervention.objects.get(pk=pk)
                start.wait()  # both transactions open before either writes
                item.status = Status.PUBLISHED
                item.save()
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(item.pk,)) for item in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert FinderEntry.objects.count() == 3
    actual = counts_of_the_terms()
    assert kept_counts() == actual
    assert actual[("", finder_index.THEME, str(shared.pk), finder_index.NO_STRENGTH)] == 2
    assert actual[("", finder_index.THEME, str(kept.pk), finder_index.NO_STRENGTH)] == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_two_catch_ups_at_once_leave_the_index_consistent(monkeypatch):
    """Two requests may find the same intervention gone live at once: the second leaves it to
    the first instead of failing on its rows."""
    theme = ThemeFactory(slug="timed")
    now = timezone.now()
    coming = InterventionFactory(themes=[theme], go_live_at=now + datetime.timedelta(hours=1))
    Intervention.objects.filter(pk=coming.pk).update(go_live_at=now - datetime.timedelta(hours=1))
    first_has_written, second_is_done = threading.Event(), threading.Event()
    write = finder_index._write

    def write_then_wait(ids, places):
        written = write(ids, places)
        if threading.current_thread() is not threading.main_thread():
            first_has_written.set()
            second_is_done.wait(5)  # the first's transaction stays open meanwhile
        return written

    monkeypatch.setattr(finder_index, "_write", write_then_wait)
    failures = []

    def first():
        try:
            finder_index.refresh_due()
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert first_has_written.wait(5)
    try:
        finder_index.refresh_due()
    finally:
        second_is_done.set()
        thread.join()
    assert failures == []
    assert list(FinderEntry.objects.values_list("intervention_id", flat=True)) == [coming.pk]
    assert kept_counts() == counts_of_the_terms()
    assert kept_counts()[("", finder_index.THEME, str(theme.pk), finder_index.NO_STRENGTH)] == 1


def test_council_terms_carry_the_strongest_evidence_and_are_kept_counted():
    """The finder's map shades each council from these: every council an intervention is in or
    within, with its strongest evidence; regions and nations are not councils."""
    geography = west_midlands()
    intervention = InterventionFactory(places=[geography["birmingham"]])
    OutcomeFactory(intervention=intervention, evidence_strength=2)
    OutcomeFactory(intervention=intervention, evidence_strength=4)
    councils = FinderTerm.objects.filter(facet=finder_index.COUNCIL)
    assert list(councils.values_list("value", "strength")) == [(str(geography["birmingham"].pk), 4)]
    kept = FinderCount.objects.get(anchor="", facet=finder_index.COUNCIL, strength=4)
    assert (kept.value, kept.interventions) == (str(geography["birmingham"].pk), 1)
    region = f"place|{geography['region'].pk}"
    in_region = FinderCount.objects.filter(anchor=region, facet=finder_index.COUNCIL)
    assert list(in_region.filter(interventions__gt=0).values_list("strength", "interventions")) == [
        (4, 1)
    ]
    # Birmingham is a council: a search for it alone is counted from the index.
    assert not FinderCount.objects.filter(anchor=f"place|{geography['birmingham'].pk}").exists()


def test_migrate_counts_again_what_was_counted_before_counts_were_kept_by_anchor():
    geography = west_midlands()
    InterventionFactory(places=[geography["birmingham"]])
    kept = kept_counts()
    FinderCount.objects.all().delete()  # as migration 0017 does
    finder_index.fill_if_empty()
    assert kept_counts() == kept


@pytest.mark.django_db(transaction=True)
def test_a_place_that_stops_being_a_council_is_counted_as_an_anchor_after_commit():
    """Kept counts exist only for places larger than a council: when a council's kind changes
    the index is rebuilt once the change commits, so a search for it alone counts the same."""
    geography = west_midlands()
    theme = ThemeFactory(slug="skills")
    InterventionFactory(places=[geography["birmingham"]], themes=[theme])
    birmingham = {"place": "E08000025"}
    assert finder(birmingham).total() == 1
    place = Place.objects.get(pk=geography["birmingham"].pk)
    place.kind = "county"
    place.save()  # committed at once: no transaction around it
    filterset = finder(birmingham)
    assert isinstance(filterset.matching_ids(kept=True), finder_index.Anchor)
    counts = filterset.term_counts()[()]
    assert counts[finder_index.TOTAL] == {(None, None): 1}
    assert counts[finder_index.THEME] == {(str(theme.pk), None): 1}


def test_a_council_without_an_ons_code_is_counted_from_the_index_not_kept():
    """Which searches read kept counts is one rule for the writes and the finder: a council is
    never an anchor, with or without its ONS code, so no counts are kept that are never read."""
    geography = west_midlands()
    council = PlaceFactory(name="Newtown", slug="newtown", gss_code=None, kind="local_authority")
    council.parents.add(geography["region"])
    theme = ThemeFactory(slug="skills")
    InterventionFactory(places=[council], themes=[theme])
    InterventionFactory(places=[geography["birmingham"]], themes=[theme])
    assert not FinderCount.objects.filter(anchor__contains=f"place|{council.pk}").exists()
    filterset = finder({"place": "newtown"})
    assert not isinstance(filterset.matching_ids(kept=True), finder_index.Anchor)
    counts = filterset.term_counts()[()]
    assert counts[finder_index.TOTAL] == {(None, None): 1}
    region = finder({"place": geography["region"].gss_code, "theme": "skills"})
    assert not isinstance(region.matching_ids(kept=True), finder_index.Anchor)
    assert region.total() == 2


def test_each_write_reads_the_places_once_however_many_interventions_it_rewrites():
    geography = west_midlands()
    theme = ThemeFactory(slug="skills")
    one = [InterventionFactory(places=[geography["birmingham"]], themes=[theme]).pk]
    ten = [
        InterventionFactory(places=[geography["birmingham"], geography["wmca"]]).pk
        for _ in range(10)
    ]
    with CaptureQueriesContext(connection) as one_write:
        finder_index.refresh(one)
    with CaptureQueriesContext(connection) as ten_writes:
        finder_index.refresh(ten)
    assert len(one_write) == len(ten_writes) <= 16
    place_reads = [q for q in one_write.captured_queries if '"partnerships_place"' in q["sql"]]
    assert len(place_reads) == 1  # their kinds (the hierarchy is read from its links)
