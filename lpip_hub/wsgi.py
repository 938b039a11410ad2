"""WSGI entry point, as served by gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

from lpip_hub.checks import refuse_unsafe_settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lpip_hub.settings")
application = get_wsgi_application()
refuse_unsafe_settings()
