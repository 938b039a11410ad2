"""WSGI entry point, as served by gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

from lpip_hub.checks import refuse_unsafe_settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lpip_hub.settings")
application = get_wsgi_application()
refuse_unsafe_settings()

from django.conf import settings  # noqa: E402 - once the settings module is chosen

if settings.BENCHMARK_FLOOR:
    from lpip_hub.bare_floor import with_bare_floor

    application = with_bare_floor(application)
