"""The evidence gap map page, visual and as a table, and its CSV download."""

import csv
from urllib.parse import urlencode

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from reviews import structured_data, what_works
from reviews.filters import MIN_EVIDENCE_CHOICES, PlaceField
from reviews.gapmap import BANDS, build_gap_map
from reviews.models import Intervention, Scale

ROWS = [("themes", _("Themes")), ("kinds", _("Kinds of intervention"))]


class GapMapForm(forms.Form):
    rows = forms.ChoiceField(choices=ROWS, required=False, label=_("Show rows for"))
    place = PlaceField(required=False, label=_("Place"))
    nation = forms.ChoiceField(required=False, label=_("Nation"))
    scale = forms.ChoiceField(
        choices=[("", _("Any")), *Scale.choices], required=False, label=_("Geographic scale")
    )
    min_evidence = forms.TypedChoiceField(
        choices=MIN_EVIDENCE_CHOICES,
        coerce=int,
        required=False,
        empty_value=0,
        label=_("Strength of evidence"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nation"].choices = what_works.nation_choices(gettext("All nations and abroad"))

    def narrow(self, interventions):
        """(the narrowed interventions, the same narrowing as finder parameters)."""
        data = self.cleaned_data
        params = {}
        if data.get("place"):
            place = data["place"]
            interventions = interventions.in_place(place)
            params["place"] = place.gss_code or place.slug
        if data.get("nation"):
            interventions, nation = what_works.in_nation(interventions, data["nation"])
            if nation is not None and "place" not in params:
                params["place"] = nation.gss_code or nation.slug
        if data.get("scale"):
            interventions = interventions.filter(scale=data["scale"])
            params["scale"] = data["scale"]
        if data.get("min_evidence"):
            params["min_evidence"] = str(data["min_evidence"])
        return interventions, params


GAP_MAP_FILTERS = tuple(GapMapForm.base_fields)


def _gap_map(request):
    """The bound form, and the gap map it asks for (None when the form is invalid)."""
    form = GapMapForm(request.GET)
    if not form.is_valid():
        return form, None
    interventions, params = form.narrow(Intervention.objects.published())
    axis = form.cleaned_data.get("rows") or "themes"
    gap_map = build_gap_map(
        interventions, params, axis=axis, min_evidence=form.cleaned_data.get("min_evidence") or 0
    )
    return form, gap_map


class GapMapView(View):
    template_name = "reviews/gapmap.html"
    page_cache_params = GAP_MAP_FILTERS

    def get(self, request):
        form, gap_map = _gap_map(request)
        query = {name: value for name, value in request.GET.items() if value}
        context = {
            "form": form,
            "params": query,
            "query": urlencode(query) if gap_map else "",
            "bands": BANDS,
        }
        if gap_map is None:
            return render(request, self.template_name, context, status=400)
        data = form.cleaned_data
        context.update(
            gap_map=gap_map,
            place=data.get("place"),
            scale_label=Scale(data["scale"]).label if data.get("scale") else "",
            nation_label=dict(form.fields["nation"].choices).get(data.get("nation") or "", ""),
            min_evidence=data.get("min_evidence") or 0,
            row_label=gettext("Kind of intervention" if gap_map.axis == "kinds" else "Theme"),
            structured_data=structured_data.dataset(
                gettext("Evidence gap map"),
                gettext(
                    "For each theme or kind of intervention and each outcome, the number of "
                    "published interventions and the strongest evidence among them."
                ),
                request.build_absolute_uri(),
                request.build_absolute_uri(reverse("gap-map-export"))
                + (f"?{context['query']}" if context["query"] else ""),
            ),
        )
        return render(request, self.template_name, context)


class GapMapExportView(View):
    page_cache_params = GAP_MAP_FILTERS

    def get(self, request):
        form, gap_map = _gap_map(request)
        if gap_map is None:
            lines = [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
            return HttpResponse(
                "The filters could not be read.\n" + "\n".join(lines),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="evidence-gap-map.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                "kind of intervention" if gap_map.axis == "kinds" else "theme",
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
