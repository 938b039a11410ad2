from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from lpip_hub import admin_views, views
from reviews.feeds import LatestItemsFeed
from reviews.sitemaps import sitemaps

admin.site.site_header = _("LPIP Evidence Hub administration")
admin.site.site_title = _("LPIP Evidence Hub admin")
admin.site.index_title = _("Evidence, places and partnerships")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        f"{settings.ADMIN_URL}markdown-preview/",
        admin_views.markdown_preview,
        name="admin-markdown-preview",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    # The admin header's language button posts here (Django's set_language).
    path("i18n/", include("django.conf.urls.i18n")),
]

# The public pages, in English at their own addresses and in Welsh under /cy/.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("feeds/latest/", LatestItemsFeed(), name="feed-latest"),
    path("", include("partnerships.urls")),
    path("", include("reviews.urls")),
    prefix_default_language=False,
)
# After the public pages, so /api/docs/ is the public page with its Welsh twin at /cy/api/docs/.
urlpatterns.append(path("api/", include("reviews.api", namespace="api")))

if settings.BENCHMARK_FLOOR:
    urlpatterns += [
        path("_bench/floor", views.benchmark_floor),  # served with no middleware (bare_floor.py)
        path("_bench/stack", views.benchmark_floor),
    ]
