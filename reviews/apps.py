from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Evidence")

    def ready(self):
        from django.db.models.signals import post_migrate

        from reviews import finder_index, panels
        from reviews.search_fields import build_sqlite_search

        panels.register()
        finder_index.connect_signals()
        post_migrate.connect(build_sqlite_search, sender=self)
