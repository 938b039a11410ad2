"""Themes and their evidence reviews, with the review's citation downloads."""

from django.http import HttpResponse
from django.views.generic import DetailView

from lpip_hub.publishing import PreviewableDetailMixin, linked_items
from reviews import citation, structured_data, what_works
from reviews.models import (
    EvidenceReview,
    Intervention,
    InterventionKind,
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
        interventions = theme.interventions.published()
        kinds = InterventionKind.objects.filter(
            pk__in=Intervention.kinds.through.objects.filter(
                intervention__in=interventions.values("pk")
            ).values("interventionkind_id")
        )
        summaries = what_works.summarise(interventions, kinds, {"theme": theme.slug})
        return super().get_context_data(
            review=review,
            what_works=[summary for summary in summaries if summary.evaluated],
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
                # All of them: the public sees the live ones (object.public_*), staff who may
                # preview see the rest marked as drafts.
                "concepts",
                "policies",
                "interventions",
                "partnerships",
            )
        )

    def get_context_data(self, **kwargs):
        url = self.request.build_absolute_uri(self.object.get_absolute_url())
        linked = linked_items(
            self.object,
            ["concepts", "policies", "interventions", "partnerships"],
            self.request.user,
        )
        return super().get_context_data(
            harvard=citation.harvard(self.object, url),
            sections=self.object.sections(),
            linked=linked,
            structured_data=structured_data.review(self.object, url),
            authors=citation._authors(self.object),
            **kwargs,
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
