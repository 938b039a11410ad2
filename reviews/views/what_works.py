"""What works: the overview by kind of intervention, and a page for each kind."""

from django import forms
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View

from reviews import what_works
from reviews.filters import PlaceField
from reviews.models import Intervention, InterventionKind


class WhatWorksForm(forms.Form):
    """Narrow the evidence to a place (what lies within it and what covers it) or a nation."""

    place = PlaceField(
        required=False,
        label=_("Place"),
        help_text=_(
            "A council, region or combined authority, an ONS code or a postcode. "
            "Includes what lies within it and schemes that cover it."
        ),
    )
    nation = forms.ChoiceField(required=False, label=_("Nation"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nation"].choices = what_works.nation_choices()

    def narrow(self, interventions):
        """(the narrowed interventions, the same narrowing as finder parameters)."""
        data = self.cleaned_data
        params = {}
        if data.get("place"):
            place = data["place"]
            interventions = what_works.in_place_or_covering(interventions, place)
            params["place"] = place.gss_code or place.slug
        if data.get("nation"):
            interventions, nation = what_works.in_nation(interventions, data["nation"])
            if nation is not None:
                params.setdefault("place", nation.gss_code or nation.slug)
        return interventions, params


class _WhatWorksMixin:
    filter_form_class = WhatWorksForm

    def narrowed(self, request):
        form = WhatWorksForm(request.GET or None)
        interventions = Intervention.objects.published()
        if form.is_bound and not form.is_valid():
            return form, None, {}
        if form.is_bound:
            interventions, params = form.narrow(interventions)
        else:
            params = {}
        return form, interventions, params

    def context(self, form, params) -> dict:
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        query = {k: v for k, v in (form.data.items() if form.is_bound else []) if v}
        return {
            "form": form,
            "place": data.get("place"),
            "nation_label": dict(form.fields["nation"].choices).get(data.get("nation") or ""),
            "query": urlencode(query),
            "thin_below": what_works.THIN_BELOW,
            "robust_level": what_works.ROBUST_LEVEL,
        }


class WhatWorksView(_WhatWorksMixin, View):
    template_name = "reviews/what_works.html"

    def get(self, request):
        form, interventions, params = self.narrowed(request)
        context = self.context(form, params)
        if interventions is None:
            return render(request, self.template_name, context, status=400)
        context["summaries"] = what_works.summarise(interventions, finder_params=params)
        return render(request, self.template_name, context)


class WhatWorksKindView(_WhatWorksMixin, View):
    template_name = "reviews/what_works_kind.html"

    def get(self, request, slug):
        kind = get_object_or_404(InterventionKind, slug=slug)
        form, interventions, params = self.narrowed(request)
        context = self.context(form, params)
        context["kind"] = kind
        if interventions is None:
            return render(request, self.template_name, context, status=400)
        studies = list(what_works.studies(interventions, kind))
        context.update(
            summary=what_works.summarise(interventions, [kind], finder_params=params)[0],
            studies=studies,
            designs=what_works.strongest_designs(studies),
        )
        return render(request, self.template_name, context)
