"""Middleware of the Hub's own: response headers Django does not set, and unreadable input."""

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string


class CrossOriginResourcePolicyMiddleware:
    """Only this site may embed its responses (Cross-Origin-Resource-Policy: same-origin)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class RejectNulBytesMiddleware:
    """Answer 400 to a query string holding a NUL byte, which no database can store.

    Checked once here, so no view, filter or search has to guard against it; form fields
    already refuse NUL bytes through Django's own validator.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return HttpResponseBadRequest(render_to_string("400.html"))
        return self.get_response(request)
