"""The admin's shared base: history for every change, and publishing for Publishable models."""

from django.contrib import admin
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from lpip_hub.publishing import PublishingAdminMixin


class HistoryAdmin(VersionAdmin):
    """Every change is kept with who and when; deleted items can be recovered."""


class PublishableAdmin(PublishingAdminMixin, HistoryAdmin):
    list_filter = ["status"]
    date_hierarchy = None

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span class="status status--{}">{}</span>', obj.status, obj.get_status_display()
        )
