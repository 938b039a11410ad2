"""Admin for the kinds of intervention: editors can rename, describe, reorder and add them."""

from django.contrib import admin

from lpip_hub.admin_base import HistoryAdmin
from reviews.models import InterventionKind


@admin.register(InterventionKind)
class InterventionKindAdmin(HistoryAdmin):
    list_display = ["name", "order", "slug"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "order", "description", "source"]
