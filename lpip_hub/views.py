"""Site-wide views: the home page and the health check."""

from django.db import connection
from django.http import JsonResponse
from django.views.generic import TemplateView

from reviews.models import Theme


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(themes=Theme.objects.all(), **kwargs)


def healthz(request):
    """200 with JSON when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means the app cannot serve
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
