"""Policies: the list, filterable by theme, level and nation, and a page per policy."""

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from lpip_hub.bilingual import LocalisedChoiceField
from lpip_hub.publishing import PreviewableDetailMixin, PublishedListMixin
from partnerships.models import Place, PlaceKind
from reviews.models import Intervention, Policy, PolicyLevel, Theme
from reviews.views.filtering import FilterFormMixin


class PolicyFilterForm(forms.Form):
    """The list's filters. A value that is not a choice is reported and then ignored."""

    theme = LocalisedChoiceField(
        Theme.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Theme"),
        empty_label=_("All themes"),
    )
    level = forms.ChoiceField(
        choices=[("", _("All levels")), *PolicyLevel.choices], required=False, label=_("Level")
    )
    nation = forms.ModelChoiceField(
        Place.objects.filter(kind=PlaceKind.NATION),
        to_field_name="slug",
        required=False,
        label=_("Nation"),
        empty_label=_("All nations"),
        help_text=_("Policies that apply in the nation, including UK-wide ones."),
    )

    def filter(self, queryset):
        self.is_valid()
        data = self.cleaned_data
        if data.get("theme"):
            queryset = queryset.filter(themes=data["theme"])
        if data.get("level"):
            queryset = queryset.filter(level=data["level"])
        if data.get("nation"):
            # The nation's own policies, those for places within it, and UK-wide ones: the same
            # rule as a place's page, from the place hierarchy.
            nation = data["nation"]
            queryset = queryset.in_place(nation) | queryset.applying_in(nation)
        return queryset


class PolicyListView(FilterFormMixin, PublishedListMixin, ListView):
    model = Policy
    paginate_by = 20
    filter_form_class = PolicyFilterForm

    def get_queryset(self):
        return self.filter_queryset(super().get_queryset().prefetch_related("themes"))


class PolicyDetailView(PreviewableDetailMixin, DetailView):
    model = Policy

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "places",
                "themes",
                "references",
                Prefetch("interventions", queryset=Intervention.objects.published()),
            )
        )
