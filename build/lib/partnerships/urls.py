from django.urls import path

from partnerships import views

urlpatterns = [
    path("partnerships/", views.PartnershipListView.as_view(), name="partnership-list"),
    path(
        "partnerships/<slug:slug>/",
        views.PartnershipDetailView.as_view(),
        name="partnership-detail",
    ),
    path("places/", views.PlaceListView.as_view(), name="place-list"),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place-detail"),
]
