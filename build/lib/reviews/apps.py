from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Evidence"

    def ready(self):
        from reviews import panels

        panels.register()
