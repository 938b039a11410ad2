"""The sitemap: published items, themes, places and the site's own pages; never a draft."""

from django.contrib.sitemaps import Sitemap as BaseSitemap
from django.urls import reverse

from partnerships.models import Partnership, Place
from reviews.models import (
    EvidenceReview,
    Intervention,
    InterventionKind,
    KeyConcept,
    Output,
    Policy,
    Theme,
)


class Sitemap(BaseSitemap):
    """Every page in English and in Welsh, each listing the other as its alternate."""

    i18n = True
    alternates = True
    x_default = True


class PublishedSitemap(Sitemap):
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


def published_sitemap(model_class) -> type[PublishedSitemap]:
    return type(f"{model_class.__name__}Sitemap", (PublishedSitemap,), {"model": model_class})


class ThemeSitemap(Sitemap):
    def items(self):
        return Theme.objects.all()


class KindSitemap(Sitemap):
    """A what-works page for each kind of intervention."""

    def items(self):
        return InterventionKind.objects.all()


class PlaceSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Place.objects.uk().order_by("pk")


class PageSitemap(Sitemap):
    """The site's own pages: home, the lists and the statements about the site."""

    def items(self):
        return [
            "home",
            "theme-list",
            "review-list",
            "concept-list",
            "policy-list",
            "intervention-list",
            "what-works",
            "gap-map",
            "partnership-list",
            "place-list",
            "evidence-map",
            "similar-places",
            "output-list",
            "intervention-suggest",
            "about",
            "accessibility",
            "privacy",
        ]

    def location(self, item):
        return reverse(item)


sitemaps = {
    "pages": PageSitemap,
    "themes": ThemeSitemap,
    "what-works": KindSitemap,
    "reviews": published_sitemap(EvidenceReview),
    "concepts": published_sitemap(KeyConcept),
    "policies": published_sitemap(Policy),
    "interventions": published_sitemap(Intervention),
    "partnerships": published_sitemap(Partnership),
    "outputs": published_sitemap(Output),
    "places": PlaceSitemap,
}
