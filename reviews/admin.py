from django.contrib import admin

from lpip_hub.admin_base import HistoryAdmin, PublishableAdmin
from reviews.models import (
    EvidenceReview,
    Intervention,
    KeyConcept,
    Outcome,
    Policy,
    Reference,
    Theme,
)

PUBLISHING = ("Publishing", {"fields": ["published_at", "published_by"]})


@admin.register(Reference)
class ReferenceAdmin(HistoryAdmin):
    list_display = ["authors", "year", "title", "publisher", "doi"]
    list_filter = ["year"]
    search_fields = ["authors", "title", "doi", "publisher", "url"]


@admin.register(Theme)
class ThemeAdmin(HistoryAdmin):
    list_display = ["name", "order", "full_report"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["partnerships", "full_report"]
    list_select_related = ["full_report"]


@admin.register(KeyConcept)
class KeyConceptAdmin(PublishableAdmin):
    list_display = ["term", "status_badge", "updated_at"]
    list_filter = ["status", "themes"]
    search_fields = ["term", "definition"]
    prepopulated_fields = {"slug": ["term"]}
    autocomplete_fields = ["references"]
    filter_horizontal = ["themes"]
    fieldsets = [
        (None, {"fields": ["term", "slug", "status", "definition", "themes", "tags",
                           "references"]}),
        PUBLISHING,
    ]


@admin.register(Policy)
class PolicyAdmin(PublishableAdmin):
    list_display = ["name", "level", "lead_body", "start_year", "status_badge", "updated_at"]
    list_filter = ["status", "level", "themes"]
    search_fields = ["name", "summary", "lead_body"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["places", "references"]
    filter_horizontal = ["themes"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "level", "summary", "description"]}),
        ("Where and when", {"fields": ["places", "lead_body", "start_year", "end_year"]}),
        ("Links", {"fields": ["themes", "tags", "references", "url", "source"]}),
        PUBLISHING,
    ]


class OutcomeInline(admin.StackedInline):
    model = Outcome
    extra = 1
    autocomplete_fields = ["reference"]
    fields = ["outcome_type", "description", "direction", "evidence_strength", "reference"]


@admin.register(Intervention)
class InterventionAdmin(PublishableAdmin):
    list_display = ["name", "scale", "setting", "start_year", "status_badge", "updated_at"]
    list_filter = ["status", "scale", "setting", "themes"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["places", "policies", "partnerships", "organisations", "references"]
    filter_horizontal = ["themes"]
    inlines = [OutcomeInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "summary", "description"]}),
        ("Where and when", {"fields": ["places", "scale", "setting", "start_year", "end_year",
                                       "budget", "budget_note"]}),
        ("Links", {"fields": ["themes", "policies", "partnerships", "organisations", "tags",
                              "references", "url", "source"]}),
        PUBLISHING,
    ]


@admin.register(EvidenceReview)
class EvidenceReviewAdmin(PublishableAdmin):
    list_display = ["title", "theme", "authors", "publication_date", "last_reviewed",
                    "status_badge"]
    list_filter = ["status", "theme"]
    search_fields = ["title", "summary", "authors"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["theme"]
    autocomplete_fields = ["concepts", "policies", "interventions", "partnerships",
                           "references", "full_report"]
    fieldsets = [
        (None, {"fields": ["theme", "title", "slug", "status", "summary"]}),
        ("Sections", {"fields": [f"{key}_text" for key, _ in EvidenceReview.SECTIONS]}),
        ("Edition", {"fields": ["authors", "edition", "publication_date", "last_reviewed",
                                "full_report"]}),
        ("Linked evidence", {"fields": ["concepts", "policies", "interventions",
                                        "partnerships", "references"]}),
        PUBLISHING,
    ]
