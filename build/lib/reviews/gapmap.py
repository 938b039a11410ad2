"""The evidence gap map: themes by outcome types, from published interventions.

One query counts every cell, whatever the number of themes, outcome types or interventions.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Max, QuerySet
from django.urls import reverse

from reviews.filters import evidence_label
from reviews.models import Outcome, OutcomeType, Theme


@dataclass
class Cell:
    theme: Theme
    outcome_type: str
    outcome_label: str
    count: int
    strongest: int | None
    finder_url: str

    @property
    def strongest_label(self) -> str:
        return evidence_label(self.strongest) if self.count else "No evidence yet"


@dataclass
class GapMap:
    outcome_types: list[tuple[str, str]]
    rows: list[tuple[Theme, list[Cell]]]

    def cells(self):
        for _theme, cells in self.rows:
            yield from cells


def build_gap_map(interventions: QuerySet, finder_params: dict[str, str]) -> GapMap:
    """Count, for each theme and outcome type, the interventions reporting that outcome.

    `interventions` is already narrowed (published, and by place or scale); `finder_params` are
    the same narrowing as finder parameters, carried into each cell's link.
    """
    rows = (
        Outcome.objects.filter(intervention__in=interventions.order_by().values("pk"))
        .filter(intervention__themes__isnull=False)
        .values("intervention__themes", "outcome_type")
        .annotate(count=Count("intervention", distinct=True), strongest=Max("evidence_strength"))
        .order_by()
    )
    found = {(row["intervention__themes"], row["outcome_type"]): row for row in rows}
    finder = reverse("intervention-list")
    outcome_types = list(OutcomeType.choices)
    table = []
    for theme in Theme.objects.all():
        cells = []
        for value, label in outcome_types:
            row = found.get((theme.pk, value), {})
            params = {**finder_params, "theme": theme.slug, "outcome_type": value}
            cells.append(
                Cell(
                    theme=theme,
                    outcome_type=value,
                    outcome_label=label,
                    count=row.get("count", 0),
                    strongest=row.get("strongest"),
                    finder_url=f"{finder}?{urlencode(params)}",
                )
            )
        table.append((theme, cells))
    return GapMap(outcome_types=outcome_types, rows=table)
