from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Places, organisations and partnerships")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete

        from partnerships.hierarchy import forget_place_hierarchy
        from partnerships.models import Place

        m2m_changed.connect(
            forget_place_hierarchy, sender=Place.parents.through, dispatch_uid="place-parents"
        )
        post_delete.connect(forget_place_hierarchy, sender=Place, dispatch_uid="place-delete")
