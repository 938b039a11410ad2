from django.apps import AppConfig
from taggit.apps import TaggitAppConfig


class LpipHubConfig(AppConfig):
    default = True  # this module also holds TagsConfig
    name = "lpip_hub"
    verbose_name = "LPIP Evidence Hub"

    def ready(self):
        from lpip_hub import cache, checks  # noqa: F401 - checks registers the system checks
        from lpip_hub.catalogues import keep_dropping_empty_fallbacks
        from lpip_hub.page_cache import connect_signals, content_changed
        from lpip_hub.through_names import name_link_rows

        connect_signals()
        keep_dropping_empty_fallbacks()
        name_link_rows(("partnerships", "reviews"))
        # An edit made while Redis was down could not move the content version on.
        cache.on_recovery.append(content_changed)


class TagsConfig(TaggitAppConfig):
    """taggit, named in plain words on the admin's home page."""

    default = False
    verbose_name = "Tags"
