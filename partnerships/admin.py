from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lpip_hub.admin_base import HistoryAdmin, PublishableAdmin
from partnerships.models import Organisation, Partnership, Place, PlaceName


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 0
    fields = ["name", "kind", "source"]


@admin.register(Place)
class PlaceAdmin(HistoryAdmin):
    list_display = ["name", "official_name", "gss_code", "kind", "country_code", "end_date"]
    list_filter = ["kind"]
    search_fields = ["name", "official_name", "gss_code", "slug", "other_names__name"]
    inlines = [PlaceNameInline]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parents"]
    list_per_page = 50


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ["name", "kind", "place", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["place"]
    list_select_related = ["place"]


@admin.register(Partnership)
class PartnershipAdmin(PublishableAdmin):
    list_display = [
        "name",
        "short_name",
        "phase",
        "lead_organisation",
        "status_badge",
        "updated_at",
    ]
    list_filter = ["status", "phase"]
    search_fields = ["name", "short_name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["lead_organisation", "partner_organisations", "places"]
    list_select_related = ["lead_organisation"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "status", "phase", "summary"]}),
        (
            _("Who and where"),
            {
                "fields": [
                    "lead_organisation",
                    "principal_investigator",
                    "partner_organisations",
                    "places",
                ]
            },
        ),
        (
            _("About"),
            {
                "fields": [
                    "description",
                    "focus",
                    "grant_reference",
                    "website",
                    "start_date",
                    "end_date",
                    "source",
                ]
            },
        ),
        (_("Publishing"), {"fields": ["go_live_at", "expire_at", "published_at", "published_by"]}),
    ]
