"""/themes/ and /reviews/: the index pages above each theme and each evidence review."""

from django.db.models import Count, Prefetch, Q
from django.views.generic import ListView

from lpip_hub.publishing import PublishedListMixin
from reviews.models import EvidenceReview, Intervention, Theme


class ThemeListView(ListView):
    """The seven themes in their order, each with its published reviews and evidence count."""

    template_name = "reviews/theme_list.html"

    def get_queryset(self):
        return (
            Theme.objects.order_by("order", "name")
            .annotate(
                intervention_count=Count(
                    "interventions",
                    filter=Q(interventions__in=Intervention.objects.published()),
                    distinct=True,
                )
            )
            .prefetch_related(
                Prefetch(
                    "reviews",
                    queryset=EvidenceReview.objects.published().order_by("title"),
                    to_attr="published_reviews",
                )
            )
        )


class EvidenceReviewListView(PublishedListMixin, ListView):
    """Every published evidence review, by theme."""

    model = EvidenceReview
    template_name = "reviews/evidencereview_list.html"
    paginate_by = 50

    def get_queryset(self):
        return super().get_queryset().select_related("theme").order_by("theme__order", "title")
