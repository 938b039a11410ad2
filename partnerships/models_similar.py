"""Which places are statistically alike: the ONS clusters and nearest neighbours of each council.

Three models (overall, economic, demographic), each with a cluster for every council and an
ordered list of its 20 nearest neighbours for councils, counties and combined authorities.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

SIMILAR_PLACES_SOURCE = (
    "Office for National Statistics, Explore local statistics: clusters and statistical nearest "
    "neighbours (github.com/ONSdigital/explore-local-statistics-app, commit ca9faecc); "
    "MIT licence, Crown Copyright"
)


class SimilarityModel(models.TextChoices):
    OVERALL = "overall", _("Overall")
    ECONOMIC = "economic", _("Economic")
    DEMOGRAPHIC = "demographic", _("Demographic")


class PlaceCluster(models.Model):
    """The ONS cluster a council falls in under one model; blank where it is not assigned."""

    place = models.ForeignKey(
        "partnerships.Place", verbose_name=_("place"), on_delete=models.CASCADE, related_name="+"
    )
    model = models.CharField(_("model"), max_length=12, choices=SimilarityModel.choices)
    cluster = models.CharField(
        _("cluster"),
        max_length=1,
        blank=True,
        help_text=_("A to D; blank where the ONS assigns no cluster."),
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(
        _("source"), max_length=500, blank=True, default=SIMILAR_PLACES_SOURCE
    )

    class Meta:
        verbose_name = _("place cluster")
        verbose_name_plural = _("place clusters")
        constraints = [
            models.UniqueConstraint(fields=["place", "model"], name="one_cluster_per_model")
        ]

    def __str__(self) -> str:
        return f"{self.place_id} {self.model}: {self.cluster or 'unassigned'}"

    @property
    def assigned(self) -> bool:
        return bool(self.cluster)

    @property
    def description_in_language(self) -> str:
        """The ONS's description in the page's language (partnerships/cluster_descriptions.py)."""
        return gettext(self.description) if self.description else ""


class PlaceNeighbour(models.Model):
    """One of a place's nearest statistical neighbours under one model, 1 being the nearest."""

    place = models.ForeignKey(
        "partnerships.Place",
        verbose_name=_("place"),
        on_delete=models.CASCADE,
        related_name="neighbour_links",
    )
    neighbour = models.ForeignKey(
        "partnerships.Place",
        verbose_name=_("neighbour"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    model = models.CharField(_("model"), max_length=12, choices=SimilarityModel.choices)
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        verbose_name = _("place neighbour")
        verbose_name_plural = _("place neighbours")
        ordering = ["model", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "model", "rank"], name="one_neighbour_per_rank"
            )
        ]

    def __str__(self) -> str:
        return f"{self.place_id} {self.model} #{self.rank}: {self.neighbour_id}"
