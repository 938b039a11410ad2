from django.views.generic import DetailView, ListView

from lpip_hub.publishing import PreviewableDetailMixin, PublishedListMixin
from partnerships.models import Partnership, Place, PlaceKind


class PartnershipListView(PublishedListMixin, ListView):
    model = Partnership
    paginate_by = 20

    def get_queryset(self):
        return super().get_queryset().select_related("lead_organisation")


class PartnershipDetailView(PreviewableDetailMixin, DetailView):
    model = Partnership

    def get_queryset(self):
        return super().get_queryset().select_related("lead_organisation").prefetch_related(
            "partner_organisations", "places"
        )


class PlaceListView(ListView):
    queryset = Place.objects.exclude(kind__in=[PlaceKind.COUNTRY, PlaceKind.LOCAL_AUTHORITY])
    paginate_by = 100


class PlaceDetailView(DetailView):
    model = Place

    def get_context_data(self, **kwargs):
        place = self.object
        return super().get_context_data(
            parents=place.parents.all(), children=place.children.all(), **kwargs
        )
