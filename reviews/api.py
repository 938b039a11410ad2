"""The read-only JSON API: published evidence, and places and themes as reference data.

Interventions take the finder's own filters (reviews.filters.InterventionFilter), so
/api/interventions/?place=E12000005 answers the finder's place question for machines.
"""

from django.db.models import Prefetch
from django.urls import include, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers, viewsets
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.routers import DefaultRouter

from partnerships.models import Partnership, Place
from reviews.filters import InterventionFilter
from reviews.models import Intervention, KeyConcept, Outcome, Policy, Theme


@extend_schema_field(OpenApiTypes.URI)
class PageField(serializers.Field):
    """The item's public page, as an absolute web address."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        request = self.context.get("request")
        path = value.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class PlaceSummarySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name")

    class Meta:
        model = Place
        fields = ["name", "slug", "gss_code", "kind"]


class PlaceSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:place-detail", lookup_field="slug")
    name = serializers.CharField(source="display_name")
    parents = PlaceSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Place
        fields = [
            "url",
            "name",
            "official_name",
            "slug",
            "gss_code",
            "kind",
            "country_code",
            "parents",
        ]


class ThemeSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:theme-detail", lookup_field="slug")
    page = PageField()

    class Meta:
        model = Theme
        fields = ["url", "page", "name", "slug", "order", "summary"]


class OutcomeSerializer(serializers.ModelSerializer):
    outcome_type_label = serializers.CharField(source="get_outcome_type_display")
    direction_label = serializers.CharField(source="get_direction_display")
    evidence_strength_label = serializers.CharField(source="get_evidence_strength_display")

    class Meta:
        model = Outcome
        fields = [
            "outcome_type",
            "outcome_type_label",
            "description",
            "direction",
            "direction_label",
            "evidence_strength",
            "evidence_strength_label",
        ]


class InterventionSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:intervention-detail", lookup_field="slug"
    )
    page = PageField()
    places = PlaceSummarySerializer(many=True, read_only=True)
    themes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    policies = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    partnerships = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    tags = serializers.SerializerMethodField()
    outcomes = OutcomeSerializer(many=True, read_only=True)
    strongest_evidence = serializers.IntegerField(read_only=True, allow_null=True)
    web_address = serializers.URLField(source="url", read_only=True)

    class Meta:
        model = Intervention
        fields = [
            "url",
            "page",
            "name",
            "slug",
            "summary",
            "description_html",
            "places",
            "scale",
            "setting",
            "themes",
            "policies",
            "partnerships",
            "start_year",
            "end_year",
            "budget",
            "tags",
            "outcomes",
            "strongest_evidence",
            "web_address",
            "source",
            "published_at",
            "updated_at",
        ]

    def get_tags(self, obj) -> list[str]:
        return [tag.name for tag in obj.tags.all()]


class PolicySerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:policy-detail", lookup_field="slug")
    page = PageField()
    places = PlaceSummarySerializer(many=True, read_only=True)
    themes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    web_address = serializers.URLField(source="url", read_only=True)

    class Meta:
        model = Policy
        fields = [
            "url",
            "page",
            "name",
            "slug",
            "level",
            "summary",
            "description_html",
            "places",
            "lead_body",
            "start_year",
            "end_year",
            "themes",
            "web_address",
            "source",
            "published_at",
            "updated_at",
        ]


class KeyConceptSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:concept-detail", lookup_field="slug")
    page = PageField()
    themes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")

    class Meta:
        model = KeyConcept
        fields = [
            "url",
            "page",
            "term",
            "slug",
            "definition_html",
            "themes",
            "published_at",
            "updated_at",
        ]


class PartnershipSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:partnership-detail", lookup_field="slug"
    )
    page = PageField()
    lead_organisation = serializers.StringRelatedField()
    places = PlaceSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Partnership
        fields = [
            "url",
            "page",
            "name",
            "short_name",
            "slug",
            "phase",
            "lead_organisation",
            "summary",
            "places",
            "website",
            "start_date",
            "end_date",
            "published_at",
            "updated_at",
        ]


class SlugLookup:
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"


class KeysetPagination(CursorPagination):
    """Pages that follow on from the last item's id: as fast at the ten-thousandth as the first."""

    ordering = "pk"
    page_size = 50


class InterventionPagination(PageNumberPagination):
    """Numbered pages in the order asked for; or, with `pagination=cursor`, keyset pages in a
    fixed order (id), for reading the whole list at any depth without slowing down."""

    cursor_query_param = KeysetPagination.cursor_query_param
    keyset = None

    def _wants_keyset(self, request) -> bool:
        params = request.query_params
        return params.get("pagination") == "cursor" or self.cursor_query_param in params

    def paginate_queryset(self, queryset, request, view=None):
        if self._wants_keyset(request):
            self.keyset = KeysetPagination()
            return self.keyset.paginate_queryset(queryset, request, view)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        if self.keyset is not None:
            return self.keyset.get_paginated_response(data)
        return super().get_paginated_response(data)


class InterventionViewSet(SlugLookup, viewsets.ReadOnlyModelViewSet):
    """Published interventions, with the finder's filters: q, place, theme, scale, setting,
    policy, partnership, outcome_type, direction, min_evidence, year_from, year_to, tag, sort.

    Numbered pages (`page`) by default; `pagination=cursor` gives keyset pages in id order with
    `next` and `previous` links, the way to read the whole list."""

    serializer_class = InterventionSerializer
    filterset_class = InterventionFilter
    pagination_class = InterventionPagination
    page_cache_params = ("pagination",)
    queryset = (
        Intervention.objects.published()
        .with_strongest_evidence()
        .prefetch_related(
            "places",
            "themes",
            "outcomes",
            "tags",
            Prefetch("policies", queryset=Policy.objects.published()),
            Prefetch("partnerships", queryset=Partnership.objects.published()),
        )
    )


class PolicyViewSet(SlugLookup, viewsets.ReadOnlyModelViewSet):
    serializer_class = PolicySerializer
    queryset = Policy.objects.published().prefetch_related("places", "themes")
    filterset_fields = ["level"]


class KeyConceptViewSet(SlugLookup, viewsets.ReadOnlyModelViewSet):
    serializer_class = KeyConceptSerializer
    queryset = KeyConcept.objects.published().prefetch_related("themes")


class PartnershipViewSet(SlugLookup, viewsets.ReadOnlyModelViewSet):
    serializer_class = PartnershipSerializer
    queryset = (
        Partnership.objects.published()
        .select_related("lead_organisation")
        .prefetch_related("places")
    )
    filterset_fields = ["phase"]


class PlaceViewSet(SlugLookup, viewsets.ReadOnlyModelViewSet):
    """UK geographies with their ONS codes, and countries: reference data, always public."""

    serializer_class = PlaceSerializer
    queryset = Place.objects.prefetch_related("parents")
    filterset_fields = ["kind", "gss_code", "country_code"]


class ThemeViewSet(SlugLookup, viewsets.ReadOnlyModelViewSet):
    serializer_class = ThemeSerializer
    queryset = Theme.objects.all()


router = DefaultRouter()
router.register("interventions", InterventionViewSet, basename="intervention")
router.register("policies", PolicyViewSet, basename="policy")
router.register("concepts", KeyConceptViewSet, basename="concept")
router.register("partnerships", PartnershipViewSet, basename="partnership")
router.register("places", PlaceViewSet, basename="place")
router.register("themes", ThemeViewSet, basename="theme")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", include(router.urls)),
]
