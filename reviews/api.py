"""The read-only JSON API: published evidence, and places and themes as reference data.

Interventions take the finder's own filters (reviews.filters.InterventionFilter), so
/api/interventions/?place=E12000005 answers the finder's place question for machines. A list
refuses query parameters it does not understand (400, naming them), rather than ignoring them
and answering with everything; every parameter and answer is described in /api/schema/ and
browsable at /api/docs/.
"""

import django_filters
from django.db.models import Prefetch, Q
from django.http import JsonResponse
from django.urls import include, path, re_path
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.routers import DefaultRouter

from partnerships.models import Partnership, Place, PlaceKind
from reviews.filters import FinderPaginator, InterventionFilter
from reviews.models import (
    EvidenceReview,
    Intervention,
    KeyConcept,
    Outcome,
    Output,
    OutputKind,
    Policy,
    PolicyLevel,
    Theme,
)
from reviews.views.outputs import OutputFilterForm

MAX_PAGE_SIZE = 200


class HubPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


class UnknownParameters(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "unknown_parameters"


ERROR_SCHEMA = {
    "type": "object",
    "description": "What was wrong: `detail`, or each parameter's problems by its name.",
    "additionalProperties": True,
}


class HubAutoSchema(AutoSchema):
    """Every answer the API gives is in the schema: 400 for a list's bad parameters, 404 for an
    item that is not published or does not exist."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method == "GET":
            errors = (
                {
                    "400": "A parameter this list does not take, or a value it cannot read.",
                    "404": "A page beyond the last.",
                }
                if self._is_list_view()
                else {"404": "No published item has this slug."}
            )
            for code, description in errors.items():
                responses[code] = {
                    "description": description,
                    "content": {"application/json": {"schema": ERROR_SCHEMA}},
                }
        return responses

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if not self._is_list_view() and "{slug}" in self.path:
            parameters.append(
                OpenApiParameter(
                    "slug",
                    {"type": "string", "pattern": f"^{SlugLookup.lookup_value_regex}$"},
                    OpenApiParameter.PATH,
                    description="The item's slug: the last part of its page's address.",
                )
            )
        return parameters

    def _get_filter_parameters(self):
        """Every filter described: its help text, or its label and the values it takes."""
        parameters = super()._get_filter_parameters()
        filterset_class = getattr(self.view, "filterset_class", None)
        filters = filterset_class.base_filters if filterset_class else {}
        for parameter in parameters:
            found = filters.get(parameter["name"])
            if found is None or parameter.get("description"):
                continue
            description = found.extra.get("help_text") or found.label or ""
            choices = found.extra.get("choices")
            if choices and not callable(choices):
                values = ", ".join(f"`{value}` ({label})" for value, label in choices if value)
                description = f"{description}. One of: {values}."
            parameter["description"] = str(description)
        return parameters

    def _get_pagination_parameters(self):
        parameters = super()._get_pagination_parameters()
        for parameter in parameters:
            if parameter["name"] == "page_size":
                parameter["description"] = f"Results per page: 1 to {MAX_PAGE_SIZE}; 50 unless set."
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}
            elif parameter["name"] == "page":
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters


class StrictListMixin:
    """A list endpoint answers 400, naming them, to query parameters it does not take."""

    pagination_class = HubPagination
    schema = HubAutoSchema()

    def known_parameters(self) -> set[str]:
        names = {"page", "page_size"}
        for backend in self.filter_backends:
            get_class = getattr(backend(), "get_filterset_class", None)
            filterset_class = get_class(self, self.get_queryset()) if get_class else None
            if filterset_class is not None:
                names |= set(filterset_class.base_filters)
        return names

    def list(self, request, *args, **kwargs):
        known = self.known_parameters()
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise UnknownParameters(
                {
                    "detail": f"This list does not take: {', '.join(unknown)}. "
                    f"It takes: {', '.join(sorted(known))}.",
                    "unknown": unknown,
                }
            )
        return super().list(request, *args, **kwargs)


@extend_schema_field(OpenApiTypes.URI)
class PageField(serializers.Field):
    """The item's public page, as an absolute web address."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        request = self.context.get("request")
        path = value.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class OptionalURLField(serializers.Field):
    """A web address, or null when none is recorded (an empty string is not a URI)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return value or None

    def get_attribute(self, instance):
        return super().get_attribute(instance) or None


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
        fields = ["url", "page", "name", "name_cy", "slug", "order", "summary", "summary_cy"]


class OutcomeSerializer(serializers.ModelSerializer):
    outcome_type_label = serializers.CharField(source="get_outcome_type_display", read_only=True)
    direction_label = serializers.CharField(source="get_direction_display", read_only=True)
    evidence_strength_label = serializers.CharField(
        source="get_evidence_strength_display", read_only=True
    )

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


@extend_schema_field(OpenApiTypes.STR)
class ListedSlug(serializers.SlugRelatedField):
    """The slug of each item of a related list prefetched under another name."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", **kwargs)


class InterventionSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:intervention-detail", lookup_field="slug"
    )
    page = PageField()
    # Each related list as prefetched into a plain list (InterventionViewSet.get_queryset).
    places = PlaceSummarySerializer(source="listed_places", many=True, read_only=True)
    themes = ListedSlug(source="listed_themes", many=True, read_only=True)
    policies = ListedSlug(source="listed_policies", many=True, read_only=True)
    partnerships = ListedSlug(source="listed_partnerships", many=True, read_only=True)
    tags = serializers.SerializerMethodField()
    outcomes = OutcomeSerializer(source="listed_outcomes", many=True, read_only=True)
    strongest_evidence = serializers.IntegerField(read_only=True, allow_null=True)
    web_address = OptionalURLField(source="url")

    class Meta:
        model = Intervention
        fields = [
            "url",
            "page",
            "name",
            "name_cy",
            "slug",
            "summary",
            "summary_cy",
            "description_html",
            "description_cy_html",
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
        return [tag.name for tag in obj.listed_tags]


class PolicySerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:policy-detail", lookup_field="slug")
    page = PageField()
    places = PlaceSummarySerializer(many=True, read_only=True)
    themes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    web_address = OptionalURLField(source="url")

    class Meta:
        model = Policy
        fields = [
            "url",
            "page",
            "name",
            "name_cy",
            "slug",
            "level",
            "summary",
            "summary_cy",
            "description_html",
            "description_cy_html",
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
            "term_cy",
            "slug",
            "definition_html",
            "definition_cy_html",
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
    website = OptionalURLField()

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
            "summary_cy",
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


class PublishedOnly:
    # What is published at the time of each request. `published()` reads the clock when it is
    # called, so it is applied here, per request: on a queryset written in the class it would
    # keep the moment the code was loaded, listing items past their expiry until a restart.
    # (A comment, not a docstring: the API's schema describes endpoints by their docstrings.)

    def get_queryset(self):
        return super().get_queryset().published()


class KeysetPagination(CursorPagination):
    """Pages that follow on from the last item's id: as fast at the ten-thousandth as the first."""

    ordering = "pk"
    page_size = 50


class InterventionPagination(HubPagination):
    """Numbered pages in the order asked for; or, with `pagination=cursor`, keyset pages in a
    fixed order (id), for reading the whole list at any depth without slowing down."""

    cursor_query_param = KeysetPagination.cursor_query_param
    django_paginator_class = FinderPaginator
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


class InterventionViewSet(
    PublishedOnly, StrictListMixin, SlugLookup, viewsets.ReadOnlyModelViewSet
):
    """Published interventions, with the finder's filters: q, place, theme, scale, setting,
    policy, partnership, outcome_type, direction, min_evidence, year_from, year_to, tag, sort.

    Numbered pages (`page`) by default; `pagination=cursor` gives keyset pages in id order with
    `next` and `previous` links, the way to read the whole list."""

    serializer_class = InterventionSerializer
    filterset_class = InterventionFilter
    pagination_class = InterventionPagination
    page_cache_params = ("pagination",)

    def known_parameters(self) -> set[str]:
        return super().known_parameters() | {
            "pagination",
            InterventionPagination.cursor_query_param,
        }

    queryset = Intervention.objects.with_strongest_evidence()

    def get_queryset(self):
        # Into plain lists (to_attr): a prefetch into the related managers builds a filtered
        # queryset for each relation of each intervention, half the time of a page of fifty.
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("places", to_attr="listed_places"),
                Prefetch("themes", to_attr="listed_themes"),
                Prefetch("outcomes", to_attr="listed_outcomes"),
                Prefetch("tags", to_attr="listed_tags"),
                Prefetch(
                    "policies", queryset=Policy.objects.published(), to_attr="listed_policies"
                ),
                Prefetch(
                    "partnerships",
                    queryset=Partnership.objects.published(),
                    to_attr="listed_partnerships",
                ),
            )
        )


class PolicyFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(
        choices=PolicyLevel.choices, help_text="Only policies at this level."
    )

    class Meta:
        model = Policy
        fields = []


class PolicyViewSet(PublishedOnly, StrictListMixin, SlugLookup, viewsets.ReadOnlyModelViewSet):
    serializer_class = PolicySerializer
    queryset = Policy.objects.prefetch_related("places", "themes")
    filterset_class = PolicyFilter


class KeyConceptViewSet(PublishedOnly, StrictListMixin, SlugLookup, viewsets.ReadOnlyModelViewSet):
    serializer_class = KeyConceptSerializer
    queryset = KeyConcept.objects.prefetch_related("themes")


class PartnershipFilter(django_filters.FilterSet):
    phase = django_filters.TypedChoiceFilter(
        choices=[(1, "Phase 1"), (2, "Phase 2")],
        coerce=int,
        help_text="The LPIP programme phase: 1 or 2.",
    )

    class Meta:
        model = Partnership
        fields = []


class PartnershipViewSet(PublishedOnly, StrictListMixin, SlugLookup, viewsets.ReadOnlyModelViewSet):
    serializer_class = PartnershipSerializer
    queryset = Partnership.objects.select_related("lead_organisation").prefetch_related("places")
    filterset_class = PartnershipFilter


class PlaceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=120,
        help_text="Words in the place's name, official name or another name it goes by "
        "(e.g. Glasgow, Caerdydd).",
    )
    kind = django_filters.ChoiceFilter(choices=PlaceKind.choices, help_text="The kind of place.")
    gss_code = django_filters.CharFilter(
        method="filter_gss_code",
        max_length=9,
        help_text="An ONS code, current or former (e.g. E08000016 finds Barnsley).",
    )
    country_code = django_filters.CharFilter(
        max_length=2, help_text="ISO 3166-1 alpha-2 code; GB for UK places."
    )

    class Meta:
        model = Place
        fields = []

    def filter_q(self, queryset, name, value):
        matching = Place.objects.filter(
            Q(name__icontains=value)
            | Q(official_name__icontains=value)
            | Q(other_names__name__icontains=value)
        ).values("pk")
        return queryset.filter(pk__in=matching)

    def filter_gss_code(self, queryset, name, value):
        from partnerships.resolver import name_key

        value = value.strip()
        return queryset.filter(
            Q(gss_code__iexact=value)
            | Q(pk__in=Place.objects.filter(other_names__key=name_key(value)).values("pk"))
        )


class PlaceViewSet(StrictListMixin, SlugLookup, viewsets.ReadOnlyModelViewSet):
    """UK geographies with their ONS codes, and countries: reference data, always public."""

    serializer_class = PlaceSerializer
    queryset = Place.objects.prefetch_related("parents")
    filterset_class = PlaceFilter


class ThemeViewSet(StrictListMixin, SlugLookup, viewsets.ReadOnlyModelViewSet):
    serializer_class = ThemeSerializer
    queryset = Theme.objects.all()


class EvidenceReviewSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:review-detail", lookup_field="slug")
    page = PageField()
    theme = serializers.SlugRelatedField(read_only=True, slug_field="slug")

    class Meta:
        model = EvidenceReview
        fields = [
            "url",
            "page",
            "title",
            "title_cy",
            "slug",
            "theme",
            "authors",
            "edition",
            "publication_date",
            "last_reviewed",
            "summary_html",
            "summary_cy_html",
            "published_at",
            "updated_at",
        ]


class EvidenceReviewFilter(django_filters.FilterSet):
    theme = django_filters.CharFilter(
        field_name="theme__slug", max_length=100, help_text="The theme's slug, e.g. skills."
    )

    class Meta:
        model = EvidenceReview
        fields = []


class EvidenceReviewViewSet(
    PublishedOnly, StrictListMixin, SlugLookup, viewsets.ReadOnlyModelViewSet
):
    """Published evidence reviews, one or more for each theme."""

    serializer_class = EvidenceReviewSerializer
    queryset = EvidenceReview.objects.select_related("theme")
    filterset_class = EvidenceReviewFilter


class OutputSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:output-detail", lookup_field="slug")
    page = PageField()
    themes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    places = PlaceSummarySerializer(many=True, read_only=True)
    web_address = OptionalURLField(source="url")

    class Meta:
        model = Output
        fields = [
            "url",
            "page",
            "kind",
            "title",
            "title_cy",
            "slug",
            "date",
            "authors",
            "summary",
            "summary_cy",
            "themes",
            "places",
            "duration_minutes",
            "web_address",
            "published_at",
            "updated_at",
        ]


class OutputFilter(django_filters.FilterSet):
    """The outputs page's own filters (reviews.views.outputs.OutputFilterForm)."""

    kind = django_filters.ChoiceFilter(
        choices=OutputKind.choices, method="filter_form", help_text="The kind of output."
    )
    theme = django_filters.CharFilter(
        method="filter_form", max_length=100, help_text="A theme's slug."
    )
    partnership = django_filters.CharFilter(
        method="filter_form", max_length=100, help_text="A partnership's slug."
    )
    place = django_filters.CharFilter(
        method="filter_form",
        max_length=120,
        help_text="A place as people name it (Glasgow, Caerdydd), an ONS code or a postcode; "
        "includes every place within it.",
    )

    class Meta:
        model = Output
        fields = []

    def filter_form(self, queryset, name, value):
        return queryset  # applied together below, through the page's own form

    def filter_queryset(self, queryset):
        form = OutputFilterForm(self.data)
        if not form.is_valid():
            from rest_framework.exceptions import ValidationError

            raise ValidationError(form.errors)
        return form.filter(queryset)


class OutputViewSet(PublishedOnly, StrictListMixin, SlugLookup, viewsets.ReadOnlyModelViewSet):
    """Published outputs of the Hub and the LPIPs: reports, briefings, blogs, podcasts."""

    serializer_class = OutputSerializer
    queryset = Output.objects.latest().prefetch_related("themes", "places")
    filterset_class = OutputFilter


router = DefaultRouter()
router.register("interventions", InterventionViewSet, basename="intervention")
router.register("policies", PolicyViewSet, basename="policy")
router.register("concepts", KeyConceptViewSet, basename="concept")
router.register("partnerships", PartnershipViewSet, basename="partnership")
router.register("places", PlaceViewSet, basename="place")
router.register("themes", ThemeViewSet, basename="theme")
router.register("reviews", EvidenceReviewViewSet, basename="review")
router.register("outputs", OutputViewSet, basename="output")


def api_documentation(request):
    from reviews.api_docs import documentation_page

    return documentation_page(request)


def not_found(request, path=""):
    """Any other address under /api/ answers in JSON, as the API's own 404s do."""
    return JsonResponse({"detail": "Not found."}, status=404)


app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", api_documentation, name="docs"),
    path("", include(router.urls)),
    re_path(r"^(?P<path>.*/)$", not_found),
]
