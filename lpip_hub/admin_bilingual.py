"""The Welsh twin of each field sits right after its English in every admin form."""

from django.core.exceptions import FieldDoesNotExist

from lpip_hub.bilingual import welsh_name


def with_welsh(model, fields) -> list:
    """`fields` with each field's Welsh twin (lpip_hub.bilingual) placed right after it."""
    listed = {name for name in fields if isinstance(name, str)}
    placed = []
    for name in fields:
        placed.append(name)
        if not isinstance(name, str):
            continue
        twin = welsh_name(name)
        try:
            model._meta.get_field(twin)
        except FieldDoesNotExist:
            continue
        if twin not in listed:
            placed.append(twin)
    return placed


class BilingualAdminMixin:
    """Editors write the Welsh beside the English, in the same fieldset."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return [
            (name, {**options, "fields": with_welsh(self.model, options.get("fields", ()))})
            for name, options in fieldsets
        ]
