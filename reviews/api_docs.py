"""/api/docs/: the API's documentation as an ordinary Hub page, built from its OpenAPI schema.

Server-rendered from the same schema the API publishes at /api/schema/, so the two cannot
disagree; no script, no assets from elsewhere, and it meets the site's accessibility bar.
"""

from django.core.cache import cache
from django.shortcuts import render
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.generators import SchemaGenerator

CACHE_KEY = "lpip:api-docs:v3"
WHERE = {"path": _("in the address"), "query": _("query")}


def _values(schema: dict) -> list[str]:
    """The values a parameter takes, when it takes only some (shown as code, in any language)."""
    return [str(value) for value in schema.get("enum", ()) if value != ""]


def _type(schema: dict) -> str:
    if "enum" in schema:
        return _("one of")
    kind = schema.get("type", "string")
    if "minimum" in schema and "maximum" in schema:
        return format_lazy(
            _("{kind}, {minimum} to {maximum}"),
            kind=kind,
            minimum=schema["minimum"],
            maximum=schema["maximum"],
        )
    return kind


def endpoints() -> list[dict]:
    """Each operation of the API: its path, what it does, its parameters and its answers."""
    found = cache.get(CACHE_KEY)
    if found is not None:
        return found
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            found.append(
                {
                    "id": operation["operationId"].replace("_", "-"),
                    "method": method.upper(),
                    "path": path,
                    "tag": (operation.get("tags") or [""])[0],
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": WHERE.get(parameter["in"], parameter["in"]),
                            "required": parameter.get("required", False),
                            "type": _type(parameter.get("schema", {})),
                            "values": _values(parameter.get("schema", {})),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "responses": [
                        (code, answer.get("description") or _("The results, as JSON."))
                        for code, answer in sorted(operation["responses"].items())
                    ],
                }
            )
    cache.set(CACHE_KEY, found, 60 * 60)  # the schema changes only with the code
    return found


def documentation_page(request):
    return render(request, "reviews/api_docs.html", {"endpoints": endpoints()})
