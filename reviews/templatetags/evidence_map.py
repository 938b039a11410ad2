"""`{% hexagons %}`: the UK map's 361 council hexagons, written in one pass in Python (a template
loop over them was most of the time it took to draw a finder page)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def hexagons(evidence_map, map_id: str, compact: bool = False) -> SafeString:
    """Each council's hexagon, a link named for what it holds unless the map is `compact`.
    Written with f-strings rather than format_html: positions are numbers and shades come from
    a fixed list, so only the address and the name need escaping."""
    shape = f"#{escape(map_id)}-hex"
    parts = []
    for c in evidence_map.councils:
        hexagon = f'<use href="{shape}" x="{c.x}" y="{c.y}" class="{c.shade}"/>'
        if c.url and not compact:
            hexagon = f'<a href="{escape(c.url)}" aria-label="{escape(c.label)}">{hexagon}</a>'
        parts.append(hexagon)
    return mark_safe("".join(parts))  # noqa: S308 - the address and name escaped above
