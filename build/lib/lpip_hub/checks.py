"""Settings the site must not be served with, and those it serves badly with.

`refuse_unsafe_settings` runs as the web server loads the app (wsgi.py, asgi.py): with DEBUG
off and the public development key, anyone could forge sessions and signed links, so the
server does not start. The system checks repeat both findings for `manage.py check --deploy`.
"""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.core.exceptions import ImproperlyConfigured


def uses_development_key() -> bool:
    return not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY


def refuse_unsafe_settings() -> None:
    if uses_development_key():
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set: with DEBUG off the site will not run on the public "
            "development key. Set DJANGO_SECRET_KEY to a long random value (docs/deploy.md)."
        )


@register(deploy=True)
def check_secret_key(app_configs, **kwargs):
    if uses_development_key():
        return [
            Error(
                "DJANGO_SECRET_KEY is not set, so the public development key is in use.",
                hint="Set DJANGO_SECRET_KEY to a long random value.",
                id="lpip_hub.E001",
            )
        ]
    return []


@register(deploy=True)
def check_shared_cache(app_configs, **kwargs):
    if not settings.DEBUG and not settings.REDIS_URL:
        return [
            Warning(
                "REDIS_URL is not set: each server process keeps its own cache, so with more "
                "than one, pages, facet counts and rate limits go stale or apply per process.",
                hint="Set REDIS_URL to a shared Redis (docs/deploy.md).",
                id="lpip_hub.W001",
            )
        ]
    return []
