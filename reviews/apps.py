from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Evidence"

    def ready(self):
        from reviews import finder_index, panels

        panels.register()
        finder_index.connect_signals()
