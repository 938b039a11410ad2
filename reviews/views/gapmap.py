"""The evidence gap map page and its CSV download."""

import csv
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.views import View

from reviews.filters import InterventionFilter
from reviews.gapmap import build_gap_map
from reviews.models import Intervention, Scale

GAP_MAP_FILTERS = ("place", "scale")


def _narrowed(request):
    """The finder's own filters, limited to place and scale, over published interventions."""
    data = {name: request.GET.get(name, "") for name in GAP_MAP_FILTERS}
    filterset = InterventionFilter(data, queryset=Intervention.objects.published())
    params = {name: value for name, value in data.items() if value}
    return filterset, params


class GapMapView(View):
    template_name = "reviews/gapmap.html"
    page_cache_params = GAP_MAP_FILTERS

    def get(self, request):
        filterset, params = _narrowed(request)
        context = {
            "form": filterset.form,
            "scales": Scale.choices,
            "params": params,
            "query": urlencode(params),
        }
        if not filterset.is_valid():
            return render(request, self.template_name, context, status=400)
        context["gap_map"] = build_gap_map(
            filterset.apply(filterset.queryset, ordered=False), params
        )
        context["place"] = filterset.form.cleaned_data.get("place")
        scale = filterset.form.cleaned_data.get("scale")
        context["scale_label"] = Scale(scale).label if scale else ""
        return render(request, self.template_name, context)


class GapMapExportView(View):
    page_cache_params = GAP_MAP_FILTERS

    def get(self, request):
        filterset, params = _narrowed(request)
        if not filterset.is_valid():
            lines = [f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()]
            return HttpResponse(
                "The filters could not be read.\n" + "\n".join(lines),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        gap_map = build_gap_map(filterset.apply(filterset.queryset, ordered=False), params)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="evidence-gap-map.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                "theme",
                "outcome type",
                "interventions",
                "strongest evidence level",
                "strongest evidence",
            ]
        )
        for cell in gap_map.cells():
            writer.writerow(
                [
                    cell.theme.name,
                    cell.outcome_label,
                    cell.count,
                    "" if cell.strongest is None else cell.strongest,
                    cell.strongest_label,
                ]
            )
        return response
