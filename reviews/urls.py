from django.urls import path

from reviews.views import pages as views

urlpatterns = [
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme-detail"),
    path("reviews/<slug:slug>/", views.ReviewDetailView.as_view(), name="review-detail"),
    path("concepts/", views.ConceptListView.as_view(), name="concept-list"),
    path("concepts/<slug:slug>/", views.ConceptDetailView.as_view(), name="concept-detail"),
    path("policies/", views.PolicyListView.as_view(), name="policy-list"),
    path("policies/<slug:slug>/", views.PolicyDetailView.as_view(), name="policy-detail"),
    path("interventions/", views.InterventionListView.as_view(), name="intervention-list"),
    path("interventions/<slug:slug>/", views.InterventionDetailView.as_view(),
         name="intervention-detail"),
]
