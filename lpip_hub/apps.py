from django.apps import AppConfig


class LpipHubConfig(AppConfig):
    name = "lpip_hub"
    verbose_name = "LPIP Evidence Hub"

    def ready(self):
        from lpip_hub import cache, checks  # noqa: F401 - checks registers the system checks
        from lpip_hub.page_cache import connect_signals, content_changed

        connect_signals()
        # An edit made while Redis was down could not move the content version on.
        cache.on_recovery.append(content_changed)
