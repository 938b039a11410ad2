from django.apps import AppConfig


class LpipHubConfig(AppConfig):
    name = "lpip_hub"
    verbose_name = "LPIP Evidence Hub"

    def ready(self):
        from lpip_hub import checks  # noqa: F401 - registers the system checks
        from lpip_hub.page_cache import connect_signals

        connect_signals()
