"""Kinds of intervention: the small taxonomy the what-works summaries are grouped by.

Imported at the end of reviews.models, so it is a model of the reviews app.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lpip_hub.bilingual import welsh_twin


class InterventionKind(models.Model):
    """A kind of place-based intervention, such as business support or area regeneration.

    Tagging an intervention with a kind is an editorial judgement from what the intervention
    did, not a fact its sources state; the description says what belongs under the kind.
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    name_cy = welsh_twin(name, _("name"))
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_(
            "What belongs under this kind, in one or two plain sentences. Shown on its "
            "what-works page."
        ),
    )
    description_cy = welsh_twin(description, _("description"))
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, db_index=True, help_text=_("Lower numbers come first in lists.")
    )
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Where the grouping comes from, or that it is the Hub's own coding."),
    )

    class Meta:
        verbose_name = _("intervention kind")
        verbose_name_plural = _("intervention kinds")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("what-works-kind", args=[self.slug])
