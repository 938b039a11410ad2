"""Losing Redis costs speed, never the site; /healthz tells a load balancer the truth."""

import datetime
import logging
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.utils import OperationalError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lpip_hub import cache as tolerant_cache
from reviews.models import Intervention
from tests.factories import (
    InterventionFactory,
    KeyConceptFactory,
    PlaceFactory,
    ThemeFactory,
    west_midlands,
)
from tests.reviews.test_evidence_map import hexagons

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:1/0"
LIVE_REDIS = "redis://127.0.0.1:6379/14"


def redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "lpip_hub.cache.TolerantRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "lpip-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }


@pytest.fixture
def redis_down(settings):
    tolerant_cache._down_until.clear()
    settings.CACHES = redis_cache(CLOSED_PORT)
    yield
    tolerant_cache._down_until.clear()


@pytest.fixture
def live_redis(settings):
    import redis

    try:
        redis.Redis.from_url(LIVE_REDIS, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        pytest.skip("needs a Redis server at 127.0.0.1:6379")
    tolerant_cache._down_until.clear()
    settings.CACHES = redis_cache(LIVE_REDIS)
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/concepts/",
        "/interventions/",
        "/interventions/?theme=skills",
        "/interventions/export.csv",
        "/interventions/places.json?q=bi",
        "/search/?q=skills",
        "/api/interventions/",
        "/sitemap.xml",
        "/interventions/suggest/",
    ],
)
def test_pages_are_served_uncached_when_redis_is_down(client, redis_down, url):
    ThemeFactory(name="Skills", slug="skills")
    InterventionFactory(name="Skills hub")
    KeyConceptFactory(term="Agglomeration")
    response = client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response or response["X-Page-Cache"] == "miss"


def test_a_redis_outage_is_logged_once_not_for_every_call(client, redis_down, caplog):
    with caplog.at_level(logging.ERROR, logger="lpip_hub.cache"):
        for _ in range(3):
            assert client.get("/concepts/").status_code == 200
    assert len([r for r in caplog.records if r.name == "lpip_hub.cache"]) == 1


def test_the_suggestion_limit_lapses_rather_than_the_form_when_redis_is_down(client, redis_down):
    from reviews.views.suggest import SUGGESTIONS

    request = mock.Mock(META={"REMOTE_ADDR": "192.0.2.1"})
    assert not SUGGESTIONS.is_exceeded(request)
    SUGGESTIONS.count(request)  # no error


def test_healthz_is_degraded_but_up_when_only_the_cache_is_down(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


def test_healthz_reports_both_when_all_is_well(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_is_never_served_from_the_page_cache(client):
    assert client.get("/healthz").status_code == 200
    with mock.patch("lpip_hub.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert "X-Page-Cache" not in response
    assert response.json()["database"] == "unavailable"


def test_pages_are_cached_in_a_live_redis(client, live_redis):
    KeyConceptFactory(term="Agglomeration")
    assert client.get("/concepts/")["X-Page-Cache"] == "miss"
    assert client.get("/concepts/")["X-Page-Cache"] == "hit"
    assert client.get("/healthz").json()["cache"] == "ok"


def test_redis_url_selects_the_tolerant_backend():
    from tests.test_security import run_django

    result = run_django(
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'lpip_hub.settings';"
        "django.setup(); from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND'])",
        REDIS_URL=CLOSED_PORT,
    )
    assert result.stdout.strip() == "lpip_hub.cache.TolerantRedisCache", result.stderr


def test_an_edit_made_while_redis_was_down_shows_once_it_is_back(client, live_redis):
    import redis
    from django.core.cache.backends.redis import RedisCache

    concept = KeyConceptFactory(term="Agglomeration")
    assert client.get("/concepts/")["X-Page-Cache"] == "miss"
    outage = redis.exceptions.ConnectionError("down")
    with mock.patch.object(RedisCache, "set", side_effect=outage):
        concept.term = "Agglomeration economies"
        concept.save()  # the new content version cannot be written
    for server in tolerant_cache._down_until:
        tolerant_cache._down_until[server] = 1.0  # the retry interval has passed
    assert b"Agglomeration economies" in client.get("/concepts/").content


@pytest.mark.parametrize("url", ["/map/", "/interventions/"])
def test_maps_count_every_council_when_redis_is_down(client, redis_down, url):
    """The councils' codes and counts are cached like the rest: without Redis they are read
    from the database on each request, and the maps still show them."""
    birmingham = PlaceFactory(name="Birmingham", slug="birmingham", gss_code="E08000025")
    InterventionFactory(places=[birmingham])
    home = client.get("/").content.decode()
    assert "1 of 361 councils have published interventions in them" in home
    drawn = hexagons(client.get(url))
    birmingham_links = [link for link in drawn if link.endswith(("/birmingham/", "=E08000025"))]
    assert [drawn[link] for link in birmingham_links] == [
        "Birmingham: 1 intervention, not yet evaluated"
    ]


def _timed_interventions() -> tuple[Intervention, Intervention]:
    """One intervention going live in an hour and one leaving the site then, in Birmingham."""
    birmingham = west_midlands()["birmingham"]
    theme = ThemeFactory(slug="timed")
    later = timezone.now() + datetime.timedelta(hours=1)
    coming = InterventionFactory(
        name="Going live", themes=[theme], places=[birmingham], go_live_at=later
    )
    going = InterventionFactory(
        name="Expiring", themes=[theme], places=[birmingham], expire_at=later
    )
    return coming, going


def _moments_pass(*interventions: Intervention) -> None:
    """Their go-live and expiry times are behind us (written without signals, as time would)."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    for item in interventions:
        moments = {"go_live_at": past} if item.go_live_at else {"expire_at": past}
        Intervention.objects.filter(pk=item.pk).update(**moments)


def test_counts_follow_go_live_and_expiry_moments_when_redis_is_down(client, redis_down):
    """Without the cache, the content version cannot tell the finder index that a scheduled
    moment has passed; its counts still agree with the lists before publish_scheduled runs."""

    def api():
        found = client.get("/api/interventions/", {"theme": "timed"}).json()
        return found["count"], [item["name"] for item in found["results"]]

    def place_page():
        evidence = client.get("/places/west-midlands/").context["place_evidence"]
        names = [item.name for item in evidence["interventions_within"]]
        return evidence["interventions_within_count"], names

    coming, going = _timed_interventions()
    assert api() == place_page() == (1, ["Expiring"])
    _moments_pass(coming, going)
    assert api() == place_page() == (1, ["Going live"])


def test_the_index_catches_up_once_not_on_every_request_when_redis_is_down(client, redis_down):
    coming, going = _timed_interventions()
    _moments_pass(coming, going)
    client.get("/interventions/", {"theme": "timed"})  # catches up
    with CaptureQueriesContext(connection) as queries:
        client.get("/interventions/", {"theme": "timed"})
        client.get("/places/birmingham/")
        client.get("/api/interventions/", {"theme": "timed"})
    statements = [q["sql"].split(maxsplit=1) for q in queries]
    writes = [sql for verb, sql in statements if verb.upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert not [sql for sql in writes if "reviews_finder" in sql]
