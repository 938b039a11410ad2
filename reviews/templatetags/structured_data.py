"""{{ data|json_ld }}: schema.org JSON-LD in a safely escaped script element."""

from django import template

from reviews.structured_data import json_ld as render_json_ld

register = template.Library()


@register.filter
def json_ld(data):
    return render_json_ld(data) if data else ""
