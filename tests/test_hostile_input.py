"""Hostile input and leaks: crawl every public URL with unpublished items linked to published ones.

Every answer must be 200, 301/302, 400 or 404, never 500, and no draft or in-review item's
title, slug or text may appear on any page, list, count, search, export, feed, sitemap or API.
"""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lpip_hub.publishing import Status
from tests.factories import (
    EvidenceReviewFactory,
    InterventionFactory,
    KeyConceptFactory,
    OutcomeFactory,
    OutputFactory,
    PartnershipFactory,
    PolicyFactory,
    ReferenceFactory,
    ThemeFactory,
    west_midlands,
)

MARKER = "zzleak"
ALLOWED = {200, 301, 302, 400, 404}
START = [
    "/",
    "/sitemap.xml",
    "/feeds/latest/",
    "/robots.txt",
    "/concepts/",
    "/policies/",
    "/interventions/",
    "/partnerships/",
    "/places/",
    "/search/?q=text",
    "/search/?q=intervention",
    "/search/?q=policy+concept+review",
    "/gap-map/",
    "/interventions/?q=text",
    "/interventions/?q=intervention",
    "/interventions/export.csv",
    "/interventions/export.csv?q=text",
    "/gap-map/export.csv",
    "/api/",
    "/api/interventions/",
    "/api/interventions/?q=text",
    "/api/policies/?q=policy",
    "/api/policies/",
    "/api/concepts/",
    "/api/partnerships/",
    "/api/places/",
    "/api/themes/",
    "/api/schema/",
    "/outputs/",
    "/outputs/?kind=blog",
    "/interventions/suggest/",
]
HOSTILE_VALUES = [
    "'",
    '"',
    "%",
    "%25",
    "%00",
    "%ff%fe",
    "%ED%A0%80",
    "\\",
    "' OR '1'='1",
    "1; DROP TABLE x",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "../../../../etc/passwd",
    "a" * 3000,
    "99999999999999999999999",
    "-1",
    "0",
    "1.5",
    "%E2%98%83",
    "null",
    "[]",
    "{}",
]
HOSTILE_NAMES = [
    "q",
    "page",
    "place",
    "theme",
    "scale",
    "setting",
    "policy",
    "partnership",
    "outcome_type",
    "direction",
    "min_evidence",
    "year_from",
    "year_to",
    "tag",
    "level",
    "nation",
    "sort",
    "format",
    "kind",
    "page_size",
]
LINK = re.compile(r'(?:href|src)="(/[^"#]*)"')
LOC = re.compile(r"<loc>https?://[^/<]+(/[^<]*)</loc>")


@pytest.fixture(autouse=True)
def no_rate_limits(monkeypatch):
    """These tests ask for the same costly URLs many times over, as no visitor would."""
    monkeypatch.setattr("lpip_hub.rate_limits.RateLimit.is_exceeded", lambda self, request: False)


@pytest.fixture
def hub(db):
    """Published evidence, with drafts and items in review of every kind linked to it."""
    places = west_midlands()
    england, birmingham = places["england"], places["birmingham"]
    theme = ThemeFactory(name="Skills", slug="skills")
    partnership = PartnershipFactory(places=[birmingham])
    theme.partnerships.add(partnership)
    policy = PolicyFactory(places=[england], themes=[theme])
    concept = KeyConceptFactory(themes=[theme])
    intervention = InterventionFactory(
        places=[birmingham], themes=[theme], policies=[policy], partnerships=[partnership]
    )
    OutcomeFactory(intervention=intervention, reference=ReferenceFactory())
    review = EvidenceReviewFactory(theme=theme)
    review.interventions.add(intervention)
    review.concepts.add(concept)
    review.policies.add(policy)

    for status in (Status.DRAFT, Status.IN_REVIEW):
        mark = f"{MARKER}{status.replace('_', '')}"
        hidden = {"status": status, "published_at": None}
        draft_partnership = PartnershipFactory(
            name=f"{mark} partnership",
            slug=f"{mark}-partnership",
            summary=f"{mark} text",
            places=[birmingham],
            **hidden,
        )
        theme.partnerships.add(draft_partnership)
        draft_policy = PolicyFactory(
            name=f"{mark} policy",
            slug=f"{mark}-policy",
            summary=f"{mark} text",
            places=[england],
            themes=[theme],
            **hidden,
        )
        draft_concept = KeyConceptFactory(
            term=f"{mark} concept",
            slug=f"{mark}-concept",
            definition=f"{mark} text",
            themes=[theme],
            **hidden,
        )
        draft_intervention = InterventionFactory(
            name=f"{mark} intervention",
            slug=f"{mark}-intervention",
            summary=f"{mark} text",
            places=[birmingham],
            themes=[theme],
            policies=[policy, draft_policy],
            partnerships=[partnership, draft_partnership],
            **hidden,
        )
        OutcomeFactory(intervention=draft_intervention, description=f"{mark} outcome")
        intervention.policies.add(draft_policy)
        intervention.partnerships.add(draft_partnership)
        review.interventions.add(draft_intervention)
        review.concepts.add(draft_concept)
        review.policies.add(draft_policy)
        EvidenceReviewFactory(
            theme=theme,
            title=f"{mark} review",
            slug=f"{mark}-review",
            summary=f"{mark} text",
            **hidden,
        )
        OutputFactory(
            title=f"{mark} output",
            slug=f"{mark}-output",
            summary=f"{mark} text",
            transcript=f"{mark} transcript",
            themes=[theme],
            partnerships=[partnership, draft_partnership],
            places=[birmingham],
            **hidden,
        )
        # A practitioner's suggestion, as the public form leaves it.
        InterventionFactory(
            name=f"{mark} suggestion",
            slug=f"{mark}-suggestion",
            summary=f"{mark} text",
            places=[birmingham],
            themes=[theme],
            is_suggestion=True,
            suggested_by_organisation=f"{mark} organisation",
            suggester_email=f"{mark}@example.org",
            **hidden,
        )
    OutputFactory(themes=[theme], partnerships=[partnership], places=[birmingham])
    return {"intervention": intervention, "review": review}


def is_public_path(path: str) -> bool:
    if path.startswith(("/admin", "/static/")):
        return False
    try:
        resolve(urlsplit(path).path)
    except Resolver404:
        return False
    return True


def crawl(client, limit: int = 400) -> dict[str, object]:
    seen: dict[str, object] = {}
    queue = deque(START)
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen or not is_public_path(path):
            continue
        response = client.get(path)
        seen[path] = response
        if response.status_code == 200 and not getattr(response, "streaming", False):
            text = response.content.decode("utf-8", "replace")
            for link in LINK.findall(text) + LOC.findall(text):
                link = link.replace("&amp;", "&")
                if link not in seen:
                    queue.append(link)
    return seen


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_no_public_url_leaks_unpublished_items_or_fails(client, hub):
    pages = crawl(client)
    assert len(pages) > 30
    for path, response in pages.items():
        assert response.status_code in ALLOWED, (path, response.status_code)
        assert MARKER not in body(response).lower(), f"unpublished item leaked on {path}"


def test_unpublished_urls_answer_404_to_anonymous_users(client, hub):
    for status in ("draft", "inreview"):
        for kind, prefix in [
            ("partnership", "partnerships"),
            ("policy", "policies"),
            ("concept", "concepts"),
            ("intervention", "interventions"),
            ("review", "reviews"),
            ("output", "outputs"),
            ("suggestion", "interventions"),
        ]:
            url = f"/{prefix}/{MARKER}{status}-{kind}/"
            assert client.get(url).status_code == 404, url
            if prefix != "outputs":  # outputs have no API
                assert client.get(f"/api/{prefix}/{MARKER}{status}-{kind}/").status_code == 404


def test_every_route_survives_hostile_parameters(client, hub):
    pages = crawl(client)
    by_route = {}
    for path in pages:
        match = resolve(urlsplit(path).path)
        by_route.setdefault((match.url_name, match.namespace), urlsplit(path).path)
    assert len(by_route) > 15
    filtered = [
        "/interventions/",
        "/search/",
        "/policies/",
        "/api/interventions/",
        "/gap-map/",
        "/outputs/",
    ]
    for path in set(by_route.values()) | set(filtered):
        for value in HOSTILE_VALUES:
            queries = ["&".join(f"{name}={value}" for name in HOSTILE_NAMES)]
            if path in filtered:
                queries += [f"{name}={value}" for name in HOSTILE_NAMES]
            for query in queries:
                response = client.get(f"{path}?{query}")
                assert response.status_code in ALLOWED, (path, query[:80], response.status_code)
                if response.status_code == 200:
                    assert "<script>alert(1)</script>" not in body(response), (path, query[:80])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(
        [
            "/interventions/",
            "/search/",
            "/policies/",
            "/api/interventions/",
            "/gap-map/",
            "/concepts/",
            "/interventions/export.csv",
            "/outputs/",
        ]
    ),
    params=st.dictionaries(st.sampled_from(HOSTILE_NAMES), st.text(max_size=300), max_size=4),
)
def test_random_parameters_never_cause_a_server_error(client, hub, path, params):
    response = client.get(path, params)
    assert response.status_code in ALLOWED, (path, params, response.status_code)
