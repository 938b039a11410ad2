"""What works, by kind of intervention: counts of evaluated interventions and their effects.

Everything is counted from published interventions and their outcomes, in a fixed number of
queries whatever the number of kinds, outcomes or interventions. An intervention counts as
evaluated when it has at least one recorded outcome.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from partnerships.models import Place, PlaceKind
from reviews.models import (
    Direction,
    EvidenceStrength,
    Intervention,
    InterventionKind,
    Outcome,
    OutcomeType,
)

# Below this many evaluated interventions, or with none at level 3 or above, a kind's evidence
# is labelled thin.
THIN_BELOW = 3
ROBUST_LEVEL = 3
EFFECTS = (Direction.POSITIVE, Direction.MIXED, Direction.NO_EFFECT, Direction.NEGATIVE)


OUTSIDE_UK = "outside-uk"


def nation_choices(empty_label: str = _("All nations and abroad")) -> list[tuple[str, str]]:
    """The UK's nations by slug, and 'outside the UK', for a nation filter."""
    nations = Place.objects.filter(kind=PlaceKind.NATION).order_by("name")
    return [
        ("", empty_label),
        *[(nation.slug, nation.name) for nation in nations],
        (OUTSIDE_UK, gettext("Outside the UK")),
    ]


def in_place_or_covering(interventions: QuerySet, place: Place) -> QuerySet:
    """What lies in or within the place, and schemes for a larger area that covers it."""
    return interventions.in_place(place) | interventions.covering(place)


def in_nation(interventions: QuerySet, value: str) -> tuple[QuerySet, Place | None]:
    """Interventions in a nation (or covering it), or outside the UK; and the nation."""
    if value == OUTSIDE_UK:
        abroad = Intervention.places.through.objects.filter(place__kind=PlaceKind.COUNTRY)
        return interventions.filter(pk__in=abroad.values("intervention_id")), None
    nation = Place.objects.get(kind=PlaceKind.NATION, slug=value)
    return in_place_or_covering(interventions, nation), nation


def _found(count: int, direction: str, outcome: str) -> str:
    """'3 found positive effects on employment', in the language of the page."""
    if direction == Direction.POSITIVE:
        words = ngettext(
            "%(count)d found positive effects on %(outcome)s",
            "%(count)d found positive effects on %(outcome)s",
            count,
        )
    elif direction == Direction.MIXED:
        words = ngettext(
            "%(count)d found mixed effects on %(outcome)s",
            "%(count)d found mixed effects on %(outcome)s",
            count,
        )
    elif direction == Direction.NO_EFFECT:
        words = ngettext(
            "%(count)d found no effects on %(outcome)s",
            "%(count)d found no effects on %(outcome)s",
            count,
        )
    else:
        words = ngettext(
            "%(count)d found negative effects on %(outcome)s",
            "%(count)d found negative effects on %(outcome)s",
            count,
        )
    return words % {"count": count, "outcome": outcome}


def _robust(count: int) -> str:
    return ngettext(
        "%(count)d at level %(level)d or above", "%(count)d at level %(level)d or above", count
    ) % {"count": count, "level": ROBUST_LEVEL}


@dataclass
class OutcomeRow:
    """One kind of intervention and one outcome type: how many found each effect."""

    outcome_type: str
    label: str
    interventions: int = 0
    effects: dict = field(default_factory=dict)
    robust: int = 0
    strongest: int = 0
    finder_url: str = ""

    def count(self, direction: str) -> int:
        return self.effects.get(direction, 0)

    @property
    def positive(self) -> int:
        return self.count(Direction.POSITIVE)

    @property
    def mixed(self) -> int:
        return self.count(Direction.MIXED)

    @property
    def no_effect(self) -> int:
        return self.count(Direction.NO_EFFECT)

    @property
    def negative(self) -> int:
        return self.count(Direction.NEGATIVE)

    @property
    def unknown(self) -> int:
        return self.count(Direction.NOT_KNOWN) + self.count(Direction.NOT_STATED)

    @property
    def sentence(self) -> str:
        """'4 evaluations; 3 found positive effects on employment; 1 at level 3 or above'."""
        label = str(self.label).lower()
        n = self.interventions
        parts = [ngettext("%(count)d evaluation", "%(count)d evaluations", n) % {"count": n}]
        for direction in EFFECTS:
            if self.count(direction):
                parts.append(_found(self.count(direction), direction, label))
        if self.unknown:
            parts.append(
                ngettext(
                    "%(count)d did not state the direction",
                    "%(count)d did not state the direction",
                    self.unknown,
                )
                % {"count": self.unknown}
            )
        parts.append(_robust(self.robust))
        return "; ".join(parts)


@dataclass
class KindSummary:
    kind: InterventionKind
    evaluated: int = 0
    robust: int = 0
    strongest: int = 0
    rows: list[OutcomeRow] = field(default_factory=list)
    finder_url: str = ""

    @property
    def thin(self) -> bool:
        return self.evaluated < THIN_BELOW or self.robust == 0

    @property
    def strongest_label(self) -> str:
        if not self.evaluated:
            return gettext("No evaluations yet")
        if not self.strongest:
            return gettext("No study rated on the Maryland scale")
        return EvidenceStrength(self.strongest).label

    @property
    def main_row(self) -> OutcomeRow | None:
        """The outcome type with the most evaluations: the one the overview's sentence names."""
        return max(self.rows, key=lambda row: (row.interventions, row.positive), default=None)

    @property
    def sentence(self) -> str:
        if not self.evaluated:
            return gettext("No published evaluations yet.")
        n = self.evaluated
        parts = [
            ngettext("%(count)d evaluated intervention", "%(count)d evaluated interventions", n)
            % {"count": n}
        ]
        row = self.main_row
        if row and row.positive:
            parts.append(_found(row.positive, Direction.POSITIVE, str(row.label).lower()))
        elif row:
            parts.append(
                ngettext(
                    "%(count)d looked at %(outcome)s",
                    "%(count)d looked at %(outcome)s",
                    row.interventions,
                )
                % {"count": row.interventions, "outcome": str(row.label).lower()}
            )
        parts.append(_robust(self.robust))
        return "; ".join(parts) + "."


def summarise(
    interventions: QuerySet, kinds=None, finder_params: dict | None = None
) -> list[KindSummary]:
    """A summary for each kind (all kinds, or those given), over `interventions`.

    `interventions` is already published and narrowed (by place or nation); `finder_params` is
    the same narrowing in the finder's terms, carried into each link.
    """
    finder_params = finder_params or {}
    kinds = list(InterventionKind.objects.all() if kinds is None else kinds)
    ids = interventions.order_by().values("pk")
    outcomes = Outcome.objects.filter(
        intervention__in=ids, intervention__kinds__in=[kind.pk for kind in kinds]
    ).order_by()
    robust = Q(evidence_strength__gte=ROBUST_LEVEL)
    totals = {
        row["intervention__kinds"]: row
        for row in outcomes.values("intervention__kinds").annotate(
            evaluated=Count("intervention", distinct=True),
            robust=Count("intervention", distinct=True, filter=robust),
            strongest=Max("evidence_strength"),
        )
    }
    cells: dict[tuple, dict] = defaultdict(dict)
    for row in outcomes.values("intervention__kinds", "outcome_type").annotate(
        interventions=Count("intervention", distinct=True),
        robust=Count("intervention", distinct=True, filter=robust),
        strongest=Max("evidence_strength"),
        **{
            f"d_{value}": Count("intervention", distinct=True, filter=Q(direction=value))
            for value in Direction.values
        },
    ):
        cells[row["intervention__kinds"]][row["outcome_type"]] = row

    finder = reverse("intervention-list")
    summaries = []
    for kind in kinds:
        total = totals.get(kind.pk, {})
        summary = KindSummary(
            kind=kind,
            evaluated=total.get("evaluated", 0),
            robust=total.get("robust", 0),
            strongest=total.get("strongest") or 0,
            finder_url=f"{finder}?{urlencode({**finder_params, 'kind': kind.slug})}",
        )
        for value, label in OutcomeType.choices:
            row = cells[kind.pk].get(value)
            if row is None:
                continue
            params = {**finder_params, "kind": kind.slug, "outcome_type": value}
            summary.rows.append(
                OutcomeRow(
                    outcome_type=value,
                    label=label,
                    interventions=row["interventions"],
                    effects={d: row[f"d_{d}"] for d in Direction.values},
                    robust=row["robust"],
                    strongest=row["strongest"] or 0,
                    finder_url=f"{finder}?{urlencode(params)}",
                )
            )
        summaries.append(summary)
    return summaries


def studies(interventions: QuerySet, kind: InterventionKind) -> QuerySet:
    """The kind's evaluated interventions, strongest evidence first, with what the page shows."""
    return (
        interventions.filter(kinds=kind, pk__in=Outcome.objects.values("intervention"))
        .with_strongest_evidence()
        .order_by(F("strongest_evidence").desc(nulls_last=True), "name")
        .prefetch_related(
            "places",
            "references",
            Prefetch("outcomes", queryset=Outcome.objects.select_related("reference")),
        )
    )


def strongest_designs(kind_studies) -> list[tuple]:
    """(intervention, level, outcome) for the studies at the kind's highest level, each with the
    outcome whose evaluation design reached it."""
    rows = [
        (study, outcome.evidence_strength, outcome)
        for study in kind_studies
        for outcome in study.outcomes.all()
        if outcome.evaluation_design
    ]
    if not rows:
        return []
    top = max(level for _study, level, _outcome in rows)
    seen, designs = set(), []
    for study, level, outcome in rows:
        if level == top and study.pk not in seen:
            seen.add(study.pk)
            designs.append((study, level, outcome))
    return designs[:3]
