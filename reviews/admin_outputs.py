"""Admin for the Hub's outputs and related initiatives; imported by reviews.admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lpip_hub.admin_base import PublishableAdmin
from reviews.admin_figures import FiguresAdminMixin, OutputFigureInline
from reviews.models import Output, RelatedInitiative

PUBLISHING = (
    _("Publishing"),
    {"fields": ["go_live_at", "expire_at", "published_at", "published_by"]},
)


@admin.register(Output)
class OutputAdmin(FiguresAdminMixin, PublishableAdmin):
    inlines = [OutputFigureInline]
    list_display = ["title", "kind", "date", "authors", "status_badge", "updated_at"]
    list_filter = ["status", "kind", "themes", "date"]
    search_fields = ["title", "summary", "authors"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["places", "partnerships"]
    filter_horizontal = ["themes"]
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "status", "date", "summary", "authors"]}),
        (
            _("Where it is hosted"),
            {
                "fields": ["url", "duration_minutes", "transcript"],
                "description": "Audio and video stay where they are hosted: the site links to "
                "them and embeds nothing, so give a transcript or notes for everyone who "
                "cannot listen or watch.",
            },
        ),
        (_("Links"), {"fields": ["themes", "partnerships", "places", "tags"]}),
        PUBLISHING,
    ]


@admin.register(RelatedInitiative)
class RelatedInitiativeAdmin(PublishableAdmin):
    list_display = ["name", "organisation", "status_badge", "updated_at"]
    list_filter = ["status", "themes"]
    search_fields = ["name", "organisation", "summary"]
    autocomplete_fields = ["places", "partnerships", "outputs"]
    filter_horizontal = ["themes"]
    fieldsets = [
        (None, {"fields": ["name", "organisation", "url", "status", "summary"]}),
        (
            _("Where it shows"),
            {
                "fields": ["partnerships", "themes", "outputs", "places"],
                "description": "Once published it shows on the pages of the partnerships and "
                "outputs chosen here, and on the theme pages of its themes and of those "
                "partnerships and outputs.",
            },
        ),
        PUBLISHING,
    ]
