"""The evidence gap map: themes (or kinds of intervention) by outcome types.

One query counts every cell, whatever the number of rows, outcome types or interventions.
"""

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Max, Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reviews.filters import evidence_label
from reviews.models import InterventionKind, Outcome, OutcomeType, Theme

# The largest circle's radius in the visual map, in pixels; a circle's area shows its count.
MAX_RADIUS = 24
# Evidence bands for the circles' colour: (class suffix, words for the legend and screen readers).
BANDS = [
    ("none", _("Not rated on the Maryland scale")),
    ("low", _("Level 1 or 2: before and after, or compared without controls")),
    ("mid", _("Level 3: compared with a matched control group")),
    ("high", _("Level 4 or 5: a natural experiment or a randomised trial")),
]
AXES = {
    # rows: (model, the outcome's path to it, the finder parameter)
    "themes": (Theme, "intervention__themes", "theme"),
    "kinds": (InterventionKind, "intervention__kinds", "kind"),
}


def band(level: int | None) -> str:
    if not level:
        return "none"
    return "low" if level < 3 else "mid" if level == 3 else "high"


@dataclass
class Cell:
    theme: Model  # the row: a theme, or a kind of intervention
    outcome_type: str
    outcome_label: str
    count: int
    strongest: int | None
    finder_url: str
    radius: float = 0

    @property
    def strongest_label(self) -> str:
        return evidence_label(self.strongest) if self.count else gettext("No evidence yet")

    @property
    def band(self) -> str:
        return band(self.strongest)

    @property
    def band_label(self) -> str:
        return dict(BANDS)[self.band]


@dataclass
class GapMap:
    outcome_types: list[tuple[str, str]]
    rows: list[tuple[Model, list[Cell]]]
    axis: str = "themes"

    def cells(self):
        for _row, cells in self.rows:
            yield from cells

    @property
    def by_outcome(self) -> list[tuple[str, str, list[Cell]]]:
        """The same cells turned round: each outcome type with its cell for every row."""
        return [
            (value, label, [cells[index] for _row, cells in self.rows])
            for index, (value, label) in enumerate(self.outcome_types)
        ]

    @property
    def largest(self) -> int:
        return max((cell.count for cell in self.cells()), default=0)

    def legend_sizes(self) -> list[tuple[int, float]]:
        """A few counts with their circle's radius, for the size legend."""
        largest = self.largest
        counts = sorted({1, max(1, round(largest / 2)), largest} - {0})
        return [(count, _radius(count, largest)) for count in counts]


def _radius(count: int, largest: int) -> float:
    if not count or not largest:
        return 0
    return round(MAX_RADIUS * math.sqrt(count / largest), 1)


def build_gap_map(
    interventions: QuerySet,
    finder_params: dict[str, str],
    axis: str = "themes",
    min_evidence: int = 0,
) -> GapMap:
    """Count, for each row and outcome type, the interventions reporting that outcome.

    `interventions` is already narrowed (published, and by place, scale or nation);
    `finder_params` are the same narrowing as finder parameters, carried into each cell's link.
    With `min_evidence`, only outcomes evidenced at that level or above count.
    """
    model, path, param = AXES[axis]
    outcomes = Outcome.objects.filter(intervention__in=interventions.order_by().values("pk"))
    if min_evidence:
        outcomes = outcomes.filter(evidence_strength__gte=min_evidence)
    rows = (
        outcomes.filter(**{f"{path}__isnull": False})
        .values(path, "outcome_type")
        .annotate(count=Count("intervention", distinct=True), strongest=Max("evidence_strength"))
        .order_by()
    )
    found = {(row[path], row["outcome_type"]): row for row in rows}
    largest = max((row["count"] for row in found.values()), default=0)
    finder = reverse("intervention-list")
    outcome_types = list(OutcomeType.choices)
    table = []
    for item in model.objects.all():
        cells = []
        for value, label in outcome_types:
            row = found.get((item.pk, value), {})
            params = {**finder_params, param: item.slug, "outcome_type": value}
            count = row.get("count", 0)
            cells.append(
                Cell(
                    theme=item,
                    outcome_type=value,
                    outcome_label=label,
                    count=count,
                    strongest=row.get("strongest"),
                    finder_url=f"{finder}?{urlencode(params)}",
                    radius=_radius(count, largest),
                )
            )
        table.append((item, cells))
    return GapMap(outcome_types=outcome_types, rows=table, axis=axis)
