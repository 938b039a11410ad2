from django.apps import AppConfig


class LpipHubConfig(AppConfig):
    name = "lpip_hub"
    verbose_name = "LPIP Evidence Hub"
