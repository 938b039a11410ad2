from django.urls import path
from django.views.generic import TemplateView

from partnerships import views
from partnerships.similar_places import METHODOLOGY_URL, SOURCE_URL

urlpatterns = [
    path("partnerships/", views.PartnershipListView.as_view(), name="partnership-list"),
    path(
        "partnerships/<slug:slug>/",
        views.PartnershipDetailView.as_view(),
        name="partnership-detail",
    ),
    path("places/", views.PlaceListView.as_view(), name="place-list"),
    path(
        "about/similar-places/",
        TemplateView.as_view(
            template_name="partnerships/similar_places_method.html",
            extra_context={"methodology_url": METHODOLOGY_URL, "source_url": SOURCE_URL},
        ),
        name="similar-places",
    ),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place-detail"),
]
