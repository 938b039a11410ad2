"""Readable names for the rows that link two items, as the admin lists them before a delete.

Django names an automatic link row "Intervention_places object (4)"; here it becomes
"Birmingham (place of Preston Model)".
"""

from django.apps import apps


def _singular(label: str) -> str:
    if label.endswith("ies"):
        return label[:-3] + "y"
    return label[:-1] if label.endswith("s") else label


def _namer(field):
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    label = _singular(str(field.verbose_name))

    def __str__(row) -> str:
        return f"{getattr(row, target)} ({label} of {getattr(row, source)})"

    return __str__


def name_link_rows(app_labels: tuple[str, ...]) -> None:
    """Give every automatic many-to-many link row in these apps a readable name."""
    for model in apps.get_models():
        if model._meta.app_label not in app_labels:
            continue
        for field in model._meta.local_many_to_many:
            through = getattr(field.remote_field, "through", None)
            if through is not None and through._meta.auto_created:
                through.__str__ = _namer(field)
