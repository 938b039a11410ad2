"""WSGI entry point, as served by gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lpip_hub.settings")
application = get_wsgi_application()
