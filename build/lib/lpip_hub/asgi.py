"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

from lpip_hub.checks import refuse_unsafe_settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lpip_hub.settings")
application = get_asgi_application()
refuse_unsafe_settings()
