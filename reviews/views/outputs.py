"""The Hub's outputs: the list, filterable by kind, theme, partnership and place, and a page each.

Also the bounded "latest outputs" panel that theme, partnership and place pages show.
"""

from django import forms
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from lpip_hub.bilingual import LocalisedChoiceField
from lpip_hub.publishing import PreviewableDetailMixin, PublishedListMixin
from partnerships.models import Partnership
from reviews import structured_data
from reviews.filters import PlaceField
from reviews.models import Output, OutputKind, RelatedInitiative, Theme
from reviews.views.filtering import FilterFormMixin

# How many outputs a theme, partnership or place page shows before it links to the list.
PANEL_SIZE = 5


def outputs_panel(queryset: QuerySet, **filters: str) -> dict:
    """The latest published outputs of `queryset` and a link to the list filtered the same way.

    One query, whatever the number of outputs: one more than shown tells whether there are more.
    """
    items = list(queryset.published().latest()[: PANEL_SIZE + 1])
    return {
        "items": items[:PANEL_SIZE],
        "has_more": len(items) > PANEL_SIZE,
        "see_all": f"{reverse('output-list')}?{urlencode(filters)}",
    }


class OutputFilterForm(forms.Form):
    """The list's filters. A value that is not a choice is reported, then ignored."""

    kind = forms.ChoiceField(
        label=_("Kind of output"),
        choices=[("", _("All kinds")), *OutputKind.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a kind of output from the list")},
    )
    theme = LocalisedChoiceField(
        Theme.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Theme"),
        empty_label=_("All themes"),
        error_messages={"invalid_choice": _("Choose a theme from the list")},
    )
    partnership = forms.ModelChoiceField(
        Partnership.objects.none(),  # the published ones at the time of each form: __init__
        to_field_name="slug",
        required=False,
        label=_("Partnership"),
        empty_label=_("All partnerships"),
        error_messages={"invalid_choice": _("Choose a partnership from the list")},
    )
    place = PlaceField(
        label=_("Place"),
        required=False,
        help_text=_("A council, region or combined authority, or an ONS code such as E08000025."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = Partnership.objects.published()

    def filter(self, queryset: QuerySet) -> QuerySet:
        self.is_valid()
        data = self.cleaned_data
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("theme"):
            queryset = queryset.filter(
                pk__in=Output.themes.through.objects.filter(theme=data["theme"]).values("output_id")
            )
        if data.get("partnership"):
            queryset = queryset.filter(
                pk__in=Output.partnerships.through.objects.filter(
                    partnership=data["partnership"]
                ).values("output_id")
            )
        if data.get("place"):
            queryset = queryset.in_place(data["place"])
        return queryset


class OutputListView(FilterFormMixin, PublishedListMixin, ListView):
    model = Output
    paginate_by = 20
    filter_form_class = OutputFilterForm

    def get_queryset(self):
        return self.filter_queryset(super().get_queryset().latest().prefetch_related("themes"))


class OutputDetailView(PreviewableDetailMixin, DetailView):
    model = Output

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "themes",
                "places",
                "tags",
                Prefetch("partnerships", queryset=Partnership.objects.published()),
                Prefetch("related_initiatives", queryset=RelatedInitiative.objects.published()),
            )
        )

    def get_context_data(self, **kwargs):
        url = self.request.build_absolute_uri(self.object.get_absolute_url())
        return super().get_context_data(
            structured_data=structured_data.output(self.object, url), **kwargs
        )
