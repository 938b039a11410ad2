"""Themes and their evidence reviews, with the review's citation downloads."""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.views.generic import DetailView

from lpip_hub.publishing import PreviewableDetailMixin
from partnerships.models import Partnership
from reviews import citation
from reviews.models import (
    EvidenceReview,
    Intervention,
    KeyConcept,
    Policy,
    RelatedInitiative,
    Theme,
)
from reviews.views.outputs import outputs_panel

# How many items a theme page lists in each panel before it links to the full list.
PANEL_SIZE = 10


def panel(queryset, size: int = PANEL_SIZE) -> dict:
    """The first `size` items and whether there are more, from one query."""
    items = list(queryset[: size + 1])
    return {"items": items[:size], "has_more": len(items) > size}


class ThemeDetailView(DetailView):
    model = Theme
    queryset = Theme.objects.select_related("full_report")

    def get_context_data(self, **kwargs):
        theme = self.object
        review = (
            theme.reviews.published()
            .select_related("full_report")
            .order_by("-publication_date", "-published_at")
            .first()
        )
        return super().get_context_data(
            review=review,
            concepts=panel(theme.concepts.published()),
            policies=panel(theme.policies.published()),
            interventions=panel(theme.interventions.published().order_by("-updated_at")),
            partnerships=panel(theme.partnerships.published()),
            outputs=outputs_panel(theme.outputs, theme=theme.slug),
            related_initiatives=list(RelatedInitiative.objects.published().for_theme(theme)[:10]),
            **kwargs,
        )


class ReviewDetailView(PreviewableDetailMixin, DetailView):
    model = EvidenceReview

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("theme", "full_report")
            .prefetch_related(
                "references",
                "tags",
                Prefetch("concepts", queryset=KeyConcept.objects.published()),
                Prefetch("policies", queryset=Policy.objects.published()),
                Prefetch("interventions", queryset=Intervention.objects.published()),
                Prefetch("partnerships", queryset=Partnership.objects.published()),
            )
        )

    def get_context_data(self, **kwargs):
        url = self.request.build_absolute_uri(self.object.get_absolute_url())
        return super().get_context_data(
            harvard=citation.harvard(self.object, url), sections=self.object.sections(), **kwargs
        )


class ReviewCitationView(PreviewableDetailMixin, DetailView):
    """The review's citation as a file for reference managers: BibTeX or RIS."""

    model = EvidenceReview
    queryset = EvidenceReview.objects.select_related("full_report")
    format = "bibtex"
    FORMATS = {
        "bibtex": (citation.bibtex, "application/x-bibtex", "bib"),
        "ris": (citation.ris, "application/x-research-info-systems", "ris"),
    }

    def render_to_response(self, context, **response_kwargs):
        write, content_type, extension = self.FORMATS[self.format]
        review = self.object
        response = HttpResponse(
            write(review, self.request.build_absolute_uri(review.get_absolute_url())),
            content_type=f"{content_type}; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{review.slug}.{extension}"'
        return response
