"""The benchmark's floor: Django serving a fixed string with no middleware at all.

`make bench` compares the cached pages' throughput with this, served by the same gunicorn
workers in the same run (lpip_hub/bench_wsgi.py). /_bench/stack serves the same view
through the whole middleware, to show what the stack itself costs.
"""

from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler

FLOOR_PATH = "/_bench/floor"


class BareHandler(WSGIHandler):
    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = convert_exception_to_response(self._get_response)


def with_bare_floor(site):
    bare = BareHandler()

    def application(environ, start_response):
        if environ.get("PATH_INFO") == FLOOR_PATH:
            return bare(environ, start_response)
        return site(environ, start_response)

    return application
