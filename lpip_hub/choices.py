"""Choice labels looked up, not rebuilt.

Django's get_FOO_display makes every choice of the field hashable on each call, which translates
every label of the field, once per value shown: a finder page of twenty results with their
outcomes made thousands of translations. Here each field's {value: label} is read once per
process; the labels stay lazy, so each is still shown in the language of the request.
"""

from functools import cache

from django.db import models
from django.utils.encoding import force_str


@cache
def _labels(field) -> dict:
    """A choice field's labels by value (lazy: each shows in the language of its use)."""
    return dict(field.flatchoices)


class ChoiceLabels(models.Model):
    """get_FOO_display from the field's labels read once (see the module's docstring)."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(_labels(field).get(value, value), strings_only=True)
