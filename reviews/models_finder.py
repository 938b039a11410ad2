"""The finder index: one row per published intervention, and the terms the finder filters on.

Derived data, rebuilt from the interventions (reviews/finder_index.py); never edited by hand.
Rows are written and removed in bulk, so the keys are plain columns without database
constraints: the finder always joins back to published interventions, so a stale row can
never show anything the public may not see.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FinderEntry(models.Model):
    """A published intervention, as the finder sees it."""

    intervention = models.OneToOneField(
        "reviews.Intervention",
        verbose_name=_("intervention"),
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    strongest_evidence = models.PositiveSmallIntegerField(_("strongest evidence"), null=True)

    class Meta:
        verbose_name = _("finder entry")
        verbose_name_plural = _("finder entries")

    def __str__(self) -> str:
        return f"Finder entry for intervention {self.intervention_id}"


class FinderTerm(models.Model):
    """One thing a published intervention can be found by: a place it is in or within (its
    ancestors included), a theme, policy, partnership, scale or setting, or an outcome type and
    direction (`*` for any) with the strongest evidence for it."""

    intervention = models.ForeignKey(
        "reviews.Intervention",
        verbose_name=_("intervention"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    facet = models.CharField(_("facet"), max_length=12)
    value = models.CharField(_("value"), max_length=64)
    strength = models.PositiveSmallIntegerField(_("strength"), null=True)

    class Meta:
        verbose_name = _("finder term")
        verbose_name_plural = _("finder terms")
        indexes = [
            models.Index(
                fields=["facet", "value", "strength", "intervention"], name="finder_term_lookup"
            ),
            # Every term of a set of matching interventions, read from the index alone when the
            # facets are counted (an index-only scan, no visit to the table).
            models.Index(
                fields=["intervention", "facet", "value", "strength"],
                name="finder_term_by_intervention",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facet} {self.value}"


class FinderCount(models.Model):
    """How many published interventions have a term, adjusted whenever an intervention's terms
    are rewritten: over every published intervention (anchor ""), the finder's facet counts
    when nothing is filtered; over those in a region, nation or other area larger than a
    council, with a theme, or in a nation (or the UK) with a theme (anchor "place|<id>",
    "theme|<id>", "place|<id>&theme|<id>"), its counts when those are the filters."""

    anchor = models.CharField(_("anchor"), max_length=80, default="", blank=True)
    facet = models.CharField(_("facet"), max_length=12)
    value = models.CharField(_("value"), max_length=64)
    strength = models.SmallIntegerField(_("strength"), default=-1)  # -1: none
    interventions = models.IntegerField(_("interventions"), default=0)

    class Meta:
        verbose_name = _("finder count")
        verbose_name_plural = _("finder counts")
        constraints = [
            models.UniqueConstraint(
                fields=["anchor", "facet", "value", "strength"], name="finder_count_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.anchor} {self.facet} {self.value}: {self.interventions}"
