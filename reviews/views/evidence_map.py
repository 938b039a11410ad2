"""The UK evidence map page: every council as a hexagon, shaded by the evidence there."""

from django.http import QueryDict
from django.shortcuts import render
from django.views import View

from partnerships.hexmap import CREDIT, SOURCE_URL
from reviews.evidence_map import SHADES, InvalidFilters, build_evidence_map
from reviews.filters import InterventionFilter, shown_value
from reviews.follow_feeds import follow_query
from reviews.models import InterventionKind, OutcomeType, Theme


class EvidenceMapView(View):
    template_name = "reviews/evidence_map.html"
    filterset_class = InterventionFilter  # the map reads the finder's filters, and its shading
    page_cache_params = ("shade",)

    def get(self, request):
        context = {
            "shades": SHADES,
            "credit": CREDIT,
            "source_url": SOURCE_URL,
            "themes": Theme.objects.all(),
            "kinds": InterventionKind.objects.all(),
            "outcome_types": OutcomeType.choices,
        }
        try:
            evidence_map = build_evidence_map(request.GET)
        except InvalidFilters as invalid:
            context["form"] = invalid.filterset.form
            return render(request, self.template_name, context, status=400)
        context.update(
            evidence_map=evidence_map,
            form=evidence_map.filterset.form,
            finder_query=follow_query(_without(request.GET, "shade")),
            **_kept(evidence_map.filterset),
        )
        return render(request, self.template_name, context)


def _without(query: QueryDict, name: str) -> QueryDict:
    query = query.copy()
    query.pop(name, None)
    return query


ON_THE_FORM = {"theme", "kind", "outcome_type", "shade"}


def _kept(filterset) -> dict:
    """The finder's other filters, which the map's form keeps as hidden fields and names."""
    data, fields = filterset.form.cleaned_data, filterset.form.fields
    kept = [
        name
        for name, value in data.items()
        if name not in ON_THE_FORM | {"sort"} and value not in (None, "", 0)
    ]
    return {
        "kept_filters": [
            (fields[name].label, shown_value(fields[name], data[name])) for name in kept
        ],
        "kept_query": [(name, filterset.form.data.get(name)) for name in kept],
    }
