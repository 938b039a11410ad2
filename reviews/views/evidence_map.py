"""The UK evidence map page: every council as a hexagon, shaded by the evidence there."""

from django.shortcuts import render
from django.views import View

from partnerships.hexmap import CREDIT, SOURCE_URL
from reviews.evidence_map import SHADES, InvalidFilters, build_evidence_map
from reviews.filters import InterventionFilter
from reviews.models import OutcomeType, Theme


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
            "outcome_types": OutcomeType.choices,
        }
        try:
            evidence_map = build_evidence_map(request.GET)
        except InvalidFilters as invalid:
            context["form"] = invalid.filterset.form
            return render(request, self.template_name, context, status=400)
        context.update(evidence_map=evidence_map, form=evidence_map.filterset.form)
        return render(request, self.template_name, context)
