"""The intervention finder's filters: one FilterSet for the finder page, its CSV and the API.

Every filter narrows with a subquery on the intervention's own key (never a join that repeats
rows), so counts stay right and facets can be counted in one query each. The outcome filters
(type, direction, minimum strength) apply together to the same outcome: "a positive skills
outcome with evidence at level 3 or above".
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass

import django_filters
from django import forms
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import CharField, Count, F, Q, QuerySet, Value
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from lpip_hub.bilingual import LocalText, in_language, localised_title, marked
from lpip_hub.page_cache import content_version
from lpip_hub.publishing import published_at_each_use
from partnerships.models import Partnership, Place
from partnerships.models_similar import SimilarityModel
from partnerships.resolver import Resolution, resolve
from partnerships.similar_places import model_from
from reviews import finder_index, search
from reviews.models import (
    Direction,
    EvidenceStrength,
    Intervention,
    InterventionKind,
    OutcomeType,
    Policy,
    Scale,
    Setting,
    Theme,
)
from reviews.similar_evidence import in_places_like

OUTCOME_FILTERS = ("outcome_type", "direction", "min_evidence")
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
FACET_TIMEOUT = 60 * 60
# A list facet (kinds, policies, partnerships) offers at most this many choices: those with the
# most matching interventions, and the one chosen. Every policy and partnership page links to
# the finder narrowed to it, so none is out of reach, and the page does not grow with them.
MOST_LISTED_OPTIONS = 30
LIST_FACETS = ("kind", "policy", "partnership")
# Facets counted from the finder index, and the index facet that holds each one's terms.
INDEXED_FACETS = {
    "theme": finder_index.THEME,
    "kind": finder_index.KIND,
    "scale": finder_index.SCALE,
    "setting": finder_index.SETTING,
    "policy": finder_index.POLICY,
    "partnership": finder_index.PARTNERSHIP,
    "outcome_type": finder_index.OUTCOME,
    "direction": finder_index.OUTCOME,
    "min_evidence": finder_index.OUTCOME,
}

SORTS = [
    ("relevance", _("Best match")),
    ("newest", _("Newest first (by start year)")),
    ("evidence", _("Strongest evidence first")),
    ("name", _("Name (A to Z)")),
]
MIN_EVIDENCE_CHOICES = [
    (0, _("Any, including not yet evaluated")),
    *[(level, format_lazy(_("Level {level} or stronger"), level=level)) for level in range(1, 6)],
]


class PlaceNotFound(forms.ValidationError):
    """The text did not name exactly one place; `resolution` holds the choices or suggestions."""

    def __init__(self, resolution: Resolution, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.resolution = resolution


def _listed(places) -> str:
    return "; ".join(f"{place.display_name} ({place.gss_code or place.slug})" for place in places)


def place_error(resolution: Resolution) -> PlaceNotFound:
    """The message for text that is not exactly one place. User text goes in params, never
    into the message itself, which is %-formatted later."""
    params = {"text": resolution.text[:60], "names": _listed(resolution.choices)}
    if resolution.choices:
        return PlaceNotFound(
            resolution,
            _("“%(text)s” could mean more than one place: %(names)s. Choose one."),
            code="ambiguous",
            params=params,
        )
    if resolution.problem:
        return PlaceNotFound(resolution, resolution.problem, code="postcode")
    if resolution.suggestions:
        params["names"] = _listed(resolution.suggestions)
        return PlaceNotFound(
            resolution,
            _("We could not find a place called “%(text)s”. Did you mean: %(names)s?"),
            code="not_found",
            params=params,
        )
    return PlaceNotFound(
        resolution,
        _(
            "We could not find a place called “%(text)s”. Try a council, region or combined "
            "authority name, an ONS code such as E08000025, or a postcode."
        ),
        code="not_found",
        params=params,
    )


def find_place(text: str) -> Place:
    """The place a name, ONS code, slug or postcode means; raises PlaceNotFound otherwise."""
    resolution = resolve(text)
    if resolution.place is None:
        raise place_error(resolution)
    return resolution.place


class PlaceField(forms.CharField):
    """A place typed as people name it. After cleaning, `resolution` says how it was read."""

    default_error_messages = {"invalid": _("Enter a place name, ONS code or postcode.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 120)
        super().__init__(**kwargs)

    def clean(self, value):
        self.resolution = None
        value = super().clean(value)
        if not value:
            return None
        self.resolution = resolve(value)
        if self.resolution.place is None:
            raise place_error(self.resolution)
        return self.resolution.place


@extend_schema_field(OpenApiTypes.STR)
class PlaceFilter(django_filters.Filter):
    field_class = PlaceField


@extend_schema_field(OpenApiTypes.STR)
class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """A published item or reference record chosen by its slug."""

    def __init__(self, **kwargs):
        super().__init__(to_field_name="slug", **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class LevelFilter(django_filters.TypedChoiceFilter):
    pass


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class FinderForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start is not None and end is not None and start > end:
            self.add_error("year_to", _("The end year must not be before the start year."))
        return data


class InterventionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Words to search for"), method="filter_q", max_length=search.MAX_QUERY_LENGTH
    )
    place = PlaceFilter(
        label=_("Place"),
        method="filter_place",
        help_text=_(
            "A place as people name it (Glasgow, Hull, Caerdydd), a council, region or "
            "combined authority, an ONS code (current or former, e.g. E08000025) or a postcode. "
            "Includes every place within it."
        ),
    )
    like = PlaceFilter(
        label=_("In places like"),
        method="filter_like",
        help_text=_(
            "A council, county or combined authority: interventions in its nearest "
            "statistical neighbours (ONS) or within them."
        ),
    )
    model = django_filters.ChoiceFilter(
        choices=SimilarityModel.choices,
        method="filter_nothing",
        label=_("Places alike by"),
        empty_label=_("Overall"),
    )
    theme = SlugChoiceFilter(
        queryset=Theme.objects.all(),
        method="filter_theme",
        label=_("Theme"),
    )
    kind = SlugChoiceFilter(
        queryset=InterventionKind.objects.all(),
        method="filter_kind",
        label=_("Kind of intervention"),
    )
    scale = django_filters.ChoiceFilter(choices=Scale.choices, label=_("Geographic scale"))
    setting = django_filters.ChoiceFilter(choices=Setting.choices, label=_("Setting"))
    policy = SlugChoiceFilter(
        queryset=published_at_each_use(Policy),
        method="filter_policy",
        label=_("Policy or programme"),
    )
    partnership = SlugChoiceFilter(
        queryset=published_at_each_use(Partnership),
        method="filter_partnership",
        label=_("Partnership"),
    )
    outcome_type = django_filters.ChoiceFilter(
        choices=OutcomeType.choices, method="filter_outcomes", label=_("Outcome")
    )
    direction = django_filters.ChoiceFilter(
        choices=Direction.choices, method="filter_outcomes", label=_("Direction of effect")
    )
    min_evidence = LevelFilter(
        choices=MIN_EVIDENCE_CHOICES,
        coerce=int,
        method="filter_outcomes",
        label=_("Strength of evidence (Maryland Scientific Methods Scale)"),
    )
    year_from = YearFilter(
        label=_("Running in or after"),
        method="filter_year_from",
        min_value=EARLIEST_YEAR,
        max_value=LATEST_YEAR,
    )
    year_to = YearFilter(
        label=_("Running in or before"),
        method="filter_year_to",
        min_value=EARLIEST_YEAR,
        max_value=LATEST_YEAR,
    )
    tag = django_filters.CharFilter(label=_("Tag"), method="filter_tag", max_length=100)
    sort = django_filters.ChoiceFilter(
        choices=SORTS, method="filter_nothing", label=_("Sort by"), empty_label=None
    )

    class Meta:
        model = Intervention
        fields = []
        form = FinderForm

    # Each filter keeps rows unique by narrowing on the intervention's key.

    def filter_q(self, queryset, name, value):
        # The facets apply the filters again: decide once whether to widen to near misses.
        if not hasattr(self, "_widen_search"):
            self._widen_search = search.needs_widening(search.INTERVENTIONS, value)
        return search.matching(queryset, search.INTERVENTIONS, value, widen=self._widen_search)

    def filter_place(self, queryset, name, value):
        return finder_index.in_place(queryset, value)

    def filter_like(self, queryset, name, value):
        return in_places_like(queryset, value, model_from(self.form.cleaned_data.get("model")))

    def filter_theme(self, queryset, name, value):
        return queryset.filter(pk__in=finder_index.with_term(finder_index.THEME, value.pk))

    def filter_kind(self, queryset, name, value):
        return queryset.filter(pk__in=finder_index.with_term(finder_index.KIND, value.pk))

    def filter_policy(self, queryset, name, value):
        return queryset.filter(pk__in=finder_index.with_term(finder_index.POLICY, value.pk))

    def filter_partnership(self, queryset, name, value):
        return queryset.filter(pk__in=finder_index.with_term(finder_index.PARTNERSHIP, value.pk))

    def filter_year_from(self, queryset, name, value):
        # Still running (no end year) counts as running now.
        return queryset.filter(
            Q(end_year__gte=value) | Q(end_year__isnull=True, start_year__isnull=False)
        )

    def filter_year_to(self, queryset, name, value):
        return queryset.filter(start_year__lte=value)

    def filter_tag(self, queryset, name, value):
        value = value.strip()
        tagged = Intervention.objects.filter(
            Q(tags__slug__iexact=value) | Q(tags__name__iexact=value)
        ).values("pk")
        return queryset.filter(pk__in=tagged)

    def filter_outcomes(self, queryset, name, value):
        return queryset  # applied together in `apply`, on one outcome

    def filter_nothing(self, queryset, name, value):
        return queryset

    # Applying the filters

    @property
    def qs(self):
        self._catch_up()
        queryset = super().qs
        queryset.counted = self.total  # read by FinderPaginator instead of a COUNT of its own
        return queryset

    def _catch_up(self) -> None:
        """The index follows go-live and expiry moments: brought up to date once per search."""
        if not getattr(self, "_caught_up", False):
            finder_index.catch_up_with_schedule()
            self._caught_up = True

    def filter_queryset(self, queryset):
        return self.apply(queryset)

    def apply(self, queryset, exclude=(), ordered: bool = True) -> QuerySet:
        """The queryset narrowed by every valid filter except those named in `exclude`."""
        data = self.form.cleaned_data
        for name, value in data.items():
            if name not in exclude and name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        if self.outcome_condition(exclude) is not None:
            chosen = {n: data.get(n) if n not in exclude else None for n in OUTCOME_FILTERS}
            queryset = finder_index.with_outcome(queryset, *chosen.values())
        return self.order(queryset) if ordered else queryset

    def outcome_condition(self, exclude=()) -> Q | None:
        data = self.form.cleaned_data
        condition = Q()
        if data.get("outcome_type") and "outcome_type" not in exclude:
            condition &= Q(outcome_type=data["outcome_type"])
        if data.get("direction") and "direction" not in exclude:
            condition &= Q(direction=data["direction"])
        if data.get("min_evidence") and "min_evidence" not in exclude:
            condition &= Q(evidence_strength__gte=data["min_evidence"])
        return condition if condition else None

    @property
    def sort_order(self) -> str:
        data = getattr(self.form, "cleaned_data", {})
        chosen = data.get("sort") or ("relevance" if data.get("q") else "newest")
        if chosen == "relevance" and not data.get("q"):
            return "newest"
        return chosen

    def order(self, queryset) -> QuerySet:
        if "strongest_evidence" not in queryset.query.annotations:
            queryset = queryset.with_strongest_evidence()
        sort = self.sort_order
        if sort == "relevance":
            return search.relevance_ordering(queryset)
        if sort == "evidence":
            return queryset.order_by(F("strongest_evidence").desc(nulls_last=True), "name")
        if sort == "name":
            return queryset.order_by("name", "pk")
        return queryset.order_by(
            F("start_year").desc(nulls_last=True), F("published_at").desc(nulls_last=True), "pk"
        )

    # Facets: counted from the finder index in one GROUP BY for every facet that shares the
    # same filters, kept in the cache until the content changes, so paging and sorting through
    # results does not count them again.

    def _state_digest(self) -> str:
        state = sorted(
            (name, str(getattr(value, "pk", value)))
            for name, value in self.form.cleaned_data.items()
            if name != "sort" and value not in (None, "")
        )
        return hashlib.sha256(repr(state).encode()).hexdigest()

    def facets(self) -> list["Facet"]:
        return self.count_facets()

    def count_facets(self) -> list["Facet"]:
        """Each facet's options with their counts (from the cached `term_counts`), named in one
        query that reads only the choices listed."""
        data = self.form.cleaned_data
        counts = {name: self._model_counts(name) for name in ("theme", *LIST_FACETS)}
        listed = {name: self._most_matched(name, counts[name]) for name in LIST_FACETS}
        choices = self._choices({name: kept for name, (kept, _left_out) in listed.items()})

        def model_facet(name):
            return Facet(
                name,
                self.filters[name].label,
                [
                    Option(slug, label, counts[name].get(pk, 0), welsh=welsh)
                    for pk, slug, label, welsh in choices[name]
                ],
                left_out=listed[name][1] if name in listed else 0,
            )

        facets = [
            model_facet("theme"),
            model_facet("kind"),
            self._choice_facet("scale", Scale.choices),
            self._choice_facet("setting", Setting.choices),
            self._outcome_facet("outcome_type", OutcomeType.choices),
            self._outcome_facet("direction", Direction.choices),
            self._evidence_facet(),
            model_facet("policy"),
            model_facet("partnership"),
        ]
        for facet in facets:
            selected = data.get(facet.name)
            selected = getattr(selected, "slug", selected)
            for option in facet.options:
                option.selected = selected not in (None, "", 0) and str(option.value) == str(
                    selected
                )
        return facets

    def _base(self, *exclude) -> QuerySet:
        return self.apply(self.queryset, exclude=exclude, ordered=False).order_by()

    def _exclusion(self, facet) -> tuple:
        """The filters a facet is counted without: its own (the outcome filters together)."""
        data = self.form.cleaned_data
        names = OUTCOME_FILTERS if facet in OUTCOME_FILTERS else (facet,)
        return tuple(n for n in names if data.get(n) not in (None, "", 0))

    def _index_terms(self, exclude=(), indexed_only=False) -> list[tuple] | None:
        """The filters in use as finder index terms, or None if one of them is not indexed
        (words, similar places, years, tags), so the index alone cannot answer; with
        `indexed_only`, the terms of those that are indexed."""
        data = self.form.cleaned_data
        terms = []
        for name, value in data.items():
            if name in exclude or name in OUTCOME_FILTERS or name == "sort" or name == "model":
                continue
            if value in (None, ""):
                continue
            if name == "place":
                terms.append((finder_index.PLACE, str(value.pk), 0))
            elif name in ("scale", "setting"):
                terms.append((name, value, 0))
            elif name in INDEXED_FACETS:
                terms.append((INDEXED_FACETS[name], str(value.pk), 0))
            elif not indexed_only:
                return None
        if self.outcome_condition(exclude) is not None:
            chosen = [data.get(n) if n not in exclude else None for n in OUTCOME_FILTERS]
            value = finder_index.outcome_value(chosen[0], chosen[1])
            terms.append((finder_index.OUTCOME, value, chosen[2] or 0))
        return terms

    def _ids(
        self, exclude, kept=False
    ) -> QuerySet | finder_index.Anchor | finder_index.Within | None:
        """The ids the counts run over: None for every published intervention, else from the
        index alone when it holds every filter in use, else the filtered interventions. With
        `kept`, the Anchor of kept counts when the filters are those of an anchor, and the
        filtered interventions Within one when the rest of the filters are."""
        data = self.form.cleaned_data
        narrowed = any(
            value not in (None, "", 0) and name not in exclude and name not in ("sort", "model")
            for name, value in data.items()
        )
        if not narrowed:
            return None
        terms = self._index_terms(exclude)
        if terms is None:
            ids = self._base(*exclude).values("pk")
            return self._within(ids, exclude) if kept else ids
        anchor = self._anchor(terms) if kept else None
        return anchor or finder_index.matching_ids(terms)

    def _within(self, ids, exclude) -> QuerySet | finder_index.Within:
        """`ids` as Within the anchor of the other filters in use, when they are those of an
        anchor (or there are none), so they can be counted from its kept counts."""
        terms = self._index_terms(exclude, indexed_only=True)
        if not terms:
            return finder_index.Within(ids, None, finder_index.matching_ids([]))
        anchor = self._anchor(terms)
        if anchor is None:
            return ids
        return finder_index.Within(ids, anchor, finder_index.matching_ids(terms))

    def _anchor(self, terms: list[tuple]) -> finder_index.Anchor | None:
        """The kept counts' anchor for these index terms, if counts are kept for them
        (`finder_index.anchor_for`, `finder_index.filter_anchor`)."""
        if len(terms) == 1 and terms[0][0] not in (finder_index.PLACE, finder_index.THEME):
            return finder_index.filter_anchor(*terms[0])
        if any(
            least or facet not in (finder_index.PLACE, finder_index.THEME)
            for facet, _, least in terms
        ):
            return None
        places = [value for facet, value, _ in terms if facet == finder_index.PLACE]
        themes = [value for facet, value, _ in terms if facet == finder_index.THEME]
        if len(places) > 1 or len(themes) > 1:
            return None
        place = self.form.cleaned_data.get("place")
        return finder_index.anchor_for(
            places[0] if places else None,
            place.kind if places else None,
            themes[0] if themes else None,
        )

    def matching_ids(
        self, kept=False
    ) -> QuerySet | finder_index.Anchor | finder_index.Within | None:
        """The ids of the interventions the filters find (a subquery), or None for every
        published one; from the finder index alone when it holds every filter in use (and see
        `_ids` for `kept`)."""
        return self._ids((), kept=kept)

    def term_counts(self) -> dict:
        """Every indexed facet's counts and the total, in one query, cached per content
        version and filters, so paging through results does not count them again."""
        if not hasattr(self, "_counted"):
            self._catch_up()
            self._counted = cache.get_or_set(self._counts_key(), self._count_terms, FACET_TIMEOUT)
        return self._counted

    def _counts_key(self) -> str:
        return f"lpip:finder-counts:{content_version()}:{self._state_digest()}"

    def _count_terms(self) -> dict:
        return finder_index.count_terms(self.count_groups())

    def count_groups(self) -> dict[tuple, tuple]:
        """{filters left out: (ids, facets)}: each facet counted with every filter but its
        own, the total and the map's councils with all of them (finder_index.count_terms)."""
        # With every filter: the total, and the councils for the finder's map.
        groups: dict[tuple, tuple] = {(): (self._ids((), kept=True), {finder_index.COUNCIL})}
        for name, facet in INDEXED_FACETS.items():
            key = self._exclusion(name)
            if key not in groups:
                groups[key] = (self._ids(key, kept=True), set())
            groups[key][1].add(facet)
        return groups

    def total(self) -> int:
        """How many published interventions the filters find: from the facet counts when they
        were counted, else counted in the index alone."""
        counted = getattr(self, "_counted", None) or cache.get(self._counts_key())
        if counted is not None:
            return counted[()].get(finder_index.TOTAL, {}).get((None, None), 0)
        self._catch_up()
        ids = self._ids((), kept=True)
        if ids is None or isinstance(ids, finder_index.Anchor):
            return finder_index.kept_total(ids)
        if isinstance(ids, finder_index.Within):
            ids = ids.ids
        return finder_index.FinderEntry.objects.filter(intervention_id__in=ids).count()

    def _term_counts(self, name) -> dict[tuple, int]:
        """{(value, strength): interventions} for an indexed facet, counted with every filter
        but its own."""
        return self.term_counts()[self._exclusion(name)].get(INDEXED_FACETS[name], {})

    def _choice_facet(self, name, choices) -> "Facet":
        if name in INDEXED_FACETS:
            counts = {value: n for (value, _strength), n in self._term_counts(name).items()}
        else:  # a facet the index does not hold: one GROUP BY of its own
            rows = self._base(name).values(name).annotate(n=Count("pk"))
            counts = {row[name]: row["n"] for row in rows}
        options = [Option(value, label, counts.get(value, 0)) for value, label in choices]
        return Facet(name, self.filters[name].label, options)

    def _model_counts(self, name) -> dict[int, int]:
        """{pk: interventions} for a facet of themes, kinds, policies or partnerships."""
        if name in INDEXED_FACETS:
            return {int(value): n for (value, _strength), n in self._term_counts(name).items()}
        # a facet the index does not hold: one count of its own
        model = self.form.fields[name].queryset.model
        base = self._base(name).values("pk")
        rows = model.objects.annotate(
            n=Count("interventions", filter=Q(interventions__in=base))
        ).values_list("pk", "n")
        return {pk: n for pk, n in rows if n}

    def _most_matched(self, name, counts: dict[int, int]) -> tuple[set[int], int]:
        """The choices a list facet offers (those with matches, at most MOST_LISTED_OPTIONS of
        them with the most, and the one chosen), and how many with matches are left out."""
        chosen = getattr(self.form.cleaned_data.get(name), "pk", None)
        matched = {pk for pk, n in counts.items() if n}
        most = sorted(matched, key=lambda pk: (-counts[pk], pk))[:MOST_LISTED_OPTIONS]
        kept = set(most) | ({chosen} - {None})
        return kept, len(matched - kept)

    def _choices(self, listed: dict[str, set[int]]) -> dict[str, list[tuple]]:
        """(pk, slug, name, Welsh name) of every theme and of the `listed` kinds, published
        policies and partnerships, in their usual order, read in one query."""
        sources = {
            "theme": Theme.objects.all(),
            "kind": InterventionKind.objects.filter(pk__in=listed["kind"]),
            "policy": Policy.objects.published().filter(pk__in=listed["policy"]),
            "partnership": Partnership.objects.published().filter(pk__in=listed["partnership"]),
        }
        parts, params = [], []
        for number, queryset in enumerate(sources.values()):
            fields = {f.name for f in queryset.model._meta.fields}
            order = "order" if "order" in fields else "pk"
            # Partnerships are named as they name themselves; the others have Welsh names.
            welsh = F("name_cy") if "name_cy" in fields else Value(None, CharField())
            try:
                sql, part_params = (
                    queryset.order_by()
                    .annotate(welsh_name=welsh)
                    .values_list("pk", "slug", "name", "welsh_name", order)
                    .query.sql_with_params()
                )
            except EmptyResultSet:  # none listed
                continue
            parts.append(f"SELECT {number}, part{number}.* FROM ({sql}) part{number}")
            params += part_params
        chosen: dict[str, list] = {name: [] for name in sources}
        if not parts:
            return chosen
        names = list(sources)
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)  # noqa: S608 - compiled querysets
            rows = cursor.fetchall()
        for number, pk, slug, label, welsh, _order in sorted(
            rows, key=lambda row: (row[0], row[5] if row[0] < 2 else 0, row[3], row[1])
        ):
            chosen[names[number]].append((pk, slug, label, welsh))
        return chosen

    def _outcome_counts(self, name) -> dict[str, int]:
        """{value: interventions with such an outcome}, under the other outcome filters."""
        data = self.form.cleaned_data
        least = data.get("min_evidence") or 0
        chosen_type, chosen_direction = data.get("outcome_type"), data.get("direction")
        counts: dict[str, int] = defaultdict(int)
        for (value, strength), n in self._term_counts(name).items():
            outcome_type, direction = value.split("|")
            if strength < least:
                continue
            if name == "outcome_type" and direction == (chosen_direction or finder_index.ANY):
                counts[outcome_type] += n
            elif name == "direction" and outcome_type == (chosen_type or finder_index.ANY):
                counts[direction] += n
        counts.pop(finder_index.ANY, None)
        return counts

    def _outcome_facet(self, name, choices) -> "Facet":
        counts = self._outcome_counts(name)
        options = [Option(value, label, counts.get(value, 0)) for value, label in choices]
        return Facet(name, self.filters[name].label, options)

    def _evidence_facet(self) -> "Facet":
        data = self.form.cleaned_data
        wanted = finder_index.outcome_value(data.get("outcome_type"), data.get("direction"))
        strengths = [
            (strength, n)
            for (value, strength), n in self._term_counts("min_evidence").items()
            if value == wanted
        ]
        # Level 0 means any strength: the page offers it as the facet's "Any" choice.
        options = [
            Option(level, label, sum(n for strength, n in strengths if strength >= level))
            for level, label in MIN_EVIDENCE_CHOICES[1:]
        ]
        return Facet("min_evidence", self.filters["min_evidence"].label, options)


class FinderPaginator(Paginator):
    """Pages of the finder's results, counted with the facets (InterventionFilter.total)."""

    @cached_property
    def count(self) -> int:
        counted = getattr(self.object_list, "counted", None)
        return counted() if counted is not None else super().count


@dataclass
class Option:
    value: object
    label: str
    count: int | None
    selected: bool = False
    welsh: str | None = None  # the Welsh name, "" if not yet written; None for proper names

    @property
    def shown(self) -> LocalText:
        """The label in the page's language, an English fallback marked as such."""
        return in_language(str(self.label), self.welsh)


@dataclass
class Facet:
    name: str
    label: str
    options: list[Option]
    left_out: int = 0  # options with matches not listed (MOST_LISTED_OPTIONS)

    @property
    def any_selected(self) -> bool:
        return not any(option.selected for option in self.options)


def shown_value(field, value) -> str:
    """A filter's chosen value as a page names it: a place by its name, a theme, kind, policy or
    partnership in the page's language (English marked as such), a choice by its label."""
    if hasattr(value, "display_name"):
        return value.display_name
    if hasattr(value, "pk"):
        return marked(localised_title(value))
    return str(dict(getattr(field, "choices", ())).get(value, value))


def evidence_label(level: int | None) -> str:
    """'Level 3: compared with a matched control group', or 'No outcomes recorded'."""
    if level is None:
        return _("No outcomes recorded")
    return EvidenceStrength(level).label
