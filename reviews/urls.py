from django.urls import path
from django.views.decorators.cache import cache_control

from reviews import follow_feeds
from reviews.api import api_documentation
from reviews.views import (
    evidence_map,
    figures,
    finder,
    gapmap,
    indexes,
    outputs,
    policies,
    reviews,
    search,
    suggest,
    what_works,
)
from reviews.views import pages as views

# Feed readers poll: let shared caches keep a followed feed for a quarter of an hour.
FEED_CACHE = cache_control(public=True, max_age=15 * 60)

urlpatterns = [
    path(
        "feeds/interventions/",
        FEED_CACHE(follow_feeds.FollowedSearchFeed()),
        name="feed-interventions",
    ),
    path(
        "feeds/places/<slug:slug>/",
        FEED_CACHE(follow_feeds.FollowedPlaceFeed()),
        name="feed-place",
    ),
    path(
        "feeds/themes/<slug:slug>/",
        FEED_CACHE(follow_feeds.FollowedThemeFeed()),
        name="feed-theme",
    ),
    # The API's documentation in the site's languages (/cy/api/docs/); the API answers in English.
    path("api/docs/", api_documentation, name="api-docs"),
    path("themes/", indexes.ThemeListView.as_view(), name="theme-list"),
    path("reviews/", indexes.EvidenceReviewListView.as_view(), name="review-list"),
    path("themes/<slug:slug>/", reviews.ThemeDetailView.as_view(), name="theme-detail"),
    path("reviews/<slug:slug>/", reviews.ReviewDetailView.as_view(), name="review-detail"),
    path("figures/<int:pk>/<str:name>", figures.figure_image, name="figure-image"),
    path(
        "reviews/<slug:slug>/cite.bib",
        reviews.ReviewCitationView.as_view(format="bibtex"),
        name="review-cite-bibtex",
    ),
    path(
        "reviews/<slug:slug>/cite.ris",
        reviews.ReviewCitationView.as_view(format="ris"),
        name="review-cite-ris",
    ),
    path("concepts/", views.ConceptListView.as_view(), name="concept-list"),
    path("concepts/<slug:slug>/", views.ConceptDetailView.as_view(), name="concept-detail"),
    path("policies/", policies.PolicyListView.as_view(), name="policy-list"),
    path("policies/<slug:slug>/", policies.PolicyDetailView.as_view(), name="policy-detail"),
    path("interventions/", finder.FinderView.as_view(), name="intervention-list"),
    path("interventions/export.csv", finder.FinderExportView.as_view(), name="intervention-export"),
    path("interventions/places.json", finder.place_suggestions, name="place-suggestions"),
    path("postcode/", finder.PostcodeView.as_view(), name="postcode-lookup"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("gap-map/", gapmap.GapMapView.as_view(), name="gap-map"),
    path("map/", evidence_map.EvidenceMapView.as_view(), name="evidence-map"),
    path("gap-map/export.csv", gapmap.GapMapExportView.as_view(), name="gap-map-export"),
    path("what-works/", what_works.WhatWorksView.as_view(), name="what-works"),
    path("what-works/<slug:slug>/", what_works.WhatWorksKindView.as_view(), name="what-works-kind"),
    path("outputs/", outputs.OutputListView.as_view(), name="output-list"),
    path("outputs/<slug:slug>/", outputs.OutputDetailView.as_view(), name="output-detail"),
    path("interventions/suggest/", suggest.SuggestView.as_view(), name="intervention-suggest"),
    path(
        "interventions/suggest/thank-you/",
        suggest.SuggestThanksView.as_view(),
        name="intervention-suggest-thanks",
    ),
    path(
        "interventions/<slug:slug>/",
        views.InterventionDetailView.as_view(),
        name="intervention-detail",
    ),
]
