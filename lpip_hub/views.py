"""Site-wide views: the home page, the pages about the site, robots.txt and the health check."""

import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse, QueryDict
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from lpip_hub.cache_keys import never_page_cached
from reviews.evidence_map import build_evidence_map
from reviews.feeds import latest_items
from reviews.models import Theme


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            themes=Theme.objects.all(),
            latest=latest_items(6),
            evidence_map=build_evidence_map(QueryDict()),
            **kwargs,
        )


class AboutView(TemplateView):
    template_name = "pages/about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(themes=Theme.objects.all(), **kwargs)


class AccessibilityView(TemplateView):
    template_name = "pages/accessibility.html"


class PrivacyView(TemplateView):
    template_name = "pages/privacy.html"


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


HEALTH_PROBE_KEY = "lpip:healthz:probe"


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means the app cannot serve
        return False
    return True


def _cache_answers() -> bool:
    token = uuid.uuid4().hex
    cache.set(HEALTH_PROBE_KEY, token, timeout=10)
    return cache.get(HEALTH_PROBE_KEY) == token


@never_page_cached
@never_cache
@require_GET
def healthz(request):
    """503 when the database does not answer; 200 otherwise, "degraded" without the cache.

    A load balancer takes the server out of the pool only when it cannot serve at all: without
    the cache it still can, more slowly. Never cached anywhere, so it always tells the truth.
    """
    cache_state = "ok" if _cache_answers() else "unavailable"
    if not _database_answers():
        body = {"status": "error", "database": "unavailable", "cache": cache_state}
        return JsonResponse(body, status=503)
    status = "ok" if cache_state == "ok" else "degraded"
    return JsonResponse({"status": status, "database": "ok", "cache": cache_state})


@never_page_cached
def benchmark_floor(request):
    """A fixed string: the floor `make bench` compares pages with (lpip_hub/bare_floor.py)."""
    return HttpResponse("LPIP Evidence Hub", content_type="text/plain")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the icon."""
    return HttpResponsePermanentRedirect(static("images/favicon.svg"))
