"""Key concepts (the A to Z glossary) and intervention pages."""

import re
import string

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from lpip_hub.publishing import PreviewableDetailMixin, PublishedListMixin
from partnerships.models import Partnership
from reviews.models import Intervention, KeyConcept, Outcome, Policy, Theme

OTHER = "#"


SLUG = re.compile(r"[-\w]+")


def initial(term: str) -> str:
    """The glossary letter a term files under: A to Z, or '#' for digits and symbols."""
    first = term[:1].upper()
    return first if first in string.ascii_uppercase else OTHER


class ConceptListView(PublishedListMixin, ListView):
    """The A to Z of key concepts, optionally for one theme (`?theme=<slug>`)."""

    model = KeyConcept
    paginate_by = 100
    page_cache_params = ("theme",)

    def get_queryset(self):
        queryset = super().get_queryset().order_by("term")
        slug = self.request.GET.get("theme", "")
        # Anything that is not a slug (a NUL byte, say) matches no theme without asking.
        self.theme = Theme.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
        if self.theme:
            queryset = queryset.filter(themes=self.theme)
        return queryset

    def alphabet(self, page) -> list[dict]:
        """Each letter with the page of the list its first term is on, or None if none is."""
        pages: dict[str, int] = {}
        for index, term in enumerate(self.object_list.values_list("term", flat=True)):
            pages.setdefault(initial(term), index // self.paginate_by + 1)
        letters = list(string.ascii_uppercase) + [OTHER]
        return [
            {
                "letter": letter,
                "anchor": "letter-other" if letter == OTHER else f"letter-{letter.lower()}",
                "page": pages.get(letter),
                "here": pages.get(letter) == page.number,
            }
            for letter in letters
            if letter != OTHER or letter in pages
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups: dict[str, list] = {}
        for concept in context["object_list"]:
            groups.setdefault(initial(concept.term), []).append(concept)
        context.update(
            theme=self.theme,
            alphabet=self.alphabet(context["page_obj"]),
            groups=[
                {
                    "letter": letter,
                    "anchor": "letter-other" if letter == OTHER else f"letter-{letter.lower()}",
                    "concepts": concepts,
                }
                for letter, concepts in groups.items()
            ],
        )
        return context


class ConceptDetailView(PreviewableDetailMixin, DetailView):
    model = KeyConcept

    def get_queryset(self):
        return super().get_queryset().prefetch_related("themes", "references")


class InterventionDetailView(PreviewableDetailMixin, DetailView):
    model = Intervention

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "places",
                "themes",
                "references",
                "organisations",
                "kinds",
                Prefetch("outcomes", queryset=Outcome.objects.select_related("reference")),
                Prefetch("policies", queryset=Policy.objects.published()),
                Prefetch("partnerships", queryset=Partnership.objects.published()),
            )
        )
