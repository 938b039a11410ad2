"""`{% hexagons %}`: the UK map's 361 council hexagons, written in one pass in Python (a template
loop over them was most of the time it took to draw a finder page)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

HEXAGON = '<use href="#{}-hex" x="{}" y="{}" class="{}"/>'
LINKED = '<a href="{}" aria-label="{}">' + HEXAGON + "</a>"


@register.simple_tag
def hexagons(evidence_map, map_id: str, compact: bool = False) -> SafeString:
    """Each council's hexagon, a link named for what it holds unless the map is `compact`."""
    parts = [
        format_html(LINKED, c.url, c.label, map_id, c.x, c.y, c.shade)
        if c.url and not compact
        else format_html(HEXAGON, map_id, c.x, c.y, c.shade)
        for c in evidence_map.councils
    ]
    return mark_safe("".join(parts))  # noqa: S308 - each part escaped by format_html
