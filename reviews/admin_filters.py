"""Filters for the admin's lists: where an item is, counting the places within a place."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from partnerships.models import Place, PlaceKind


class _InPlaceFilter(admin.SimpleListFilter):
    """Items located in the chosen place or in any place within it (the cached hierarchy)."""

    def place_choices(self, model_admin):
        raise NotImplementedError

    def lookups(self, request, model_admin):
        return [(place.slug, place.name) for place in self.place_choices(model_admin)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        place = Place.objects.filter(slug=self.value()).first()
        if place is None:
            return queryset.none()
        return queryset.in_place(place)


class NationFilter(_InPlaceFilter):
    title = _("nation")
    parameter_name = "nation"

    def place_choices(self, model_admin):
        return Place.objects.filter(kind=PlaceKind.NATION).order_by("name")


class PlaceWithinFilter(_InPlaceFilter):
    """Every place that holds an item, and every place those sit within."""

    title = _("place (and places within it)")
    parameter_name = "place"

    def place_choices(self, model_admin):
        from partnerships.hierarchy import place_hierarchy

        through = model_admin.model.places.through
        located = set(through.objects.values_list("place_id", flat=True).distinct())
        hierarchy = place_hierarchy()
        wanted = set(located)
        for place_id in located:
            wanted |= hierarchy.ancestors(place_id)
        return (
            Place.objects.filter(pk__in=wanted)
            .exclude(kind__in=[PlaceKind.UK, PlaceKind.NATION])
            .order_by("name")
        )
