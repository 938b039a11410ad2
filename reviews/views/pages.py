from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from lpip_hub.publishing import PreviewableDetailMixin, PublishedListMixin
from partnerships.models import Partnership
from reviews.models import EvidenceReview, Intervention, KeyConcept, Policy, Theme


class ThemeDetailView(DetailView):
    model = Theme

    def get_queryset(self):
        return super().get_queryset().select_related("full_report")

    def get_context_data(self, **kwargs):
        theme = self.object
        return super().get_context_data(
            review=theme.reviews.published().order_by("-publication_date").first(),
            concepts=theme.concepts.published(),
            policies=theme.policies.published(),
            interventions=theme.interventions.published()[:20],
            partnerships=theme.partnerships.published(),
            **kwargs,
        )


class ReviewDetailView(PreviewableDetailMixin, DetailView):
    model = EvidenceReview

    def get_queryset(self):
        return super().get_queryset().select_related("theme", "full_report")


class ConceptListView(PublishedListMixin, ListView):
    model = KeyConcept
    paginate_by = 50


class ConceptDetailView(PreviewableDetailMixin, DetailView):
    model = KeyConcept

    def get_queryset(self):
        return super().get_queryset().prefetch_related("themes", "references")


class PolicyListView(PublishedListMixin, ListView):
    model = Policy
    paginate_by = 20


class PolicyDetailView(PreviewableDetailMixin, DetailView):
    model = Policy

    def get_queryset(self):
        return super().get_queryset().prefetch_related(
            "places", "themes", "references",
            Prefetch("interventions", queryset=Intervention.objects.published()),
        )


class InterventionListView(PublishedListMixin, ListView):
    model = Intervention
    paginate_by = 20


class InterventionDetailView(PreviewableDetailMixin, DetailView):
    model = Intervention

    def get_queryset(self):
        return super().get_queryset().prefetch_related(
            "places", "themes", "references", "organisations", "outcomes__reference",
            Prefetch("policies", queryset=Policy.objects.published()),
            Prefetch("partnerships", queryset=Partnership.objects.published()),
        )
