"""Deleting and recovering an item keeps every link it had.

An item's version holds its own fields and many-to-many links; what pointed at it from other
items (a review's list of interventions, a place's sub-areas) and its tags are kept here when
it is deleted, and put back when it is recovered, wherever the other item still exists.
"""

from django.contrib.contenttypes.models import ContentType

from lpip_hub.models import DeletedLinks


def _reverse_many_to_many(obj):
    for relation in obj._meta.related_objects:
        if relation.many_to_many and relation.field.concrete:
            yield relation.field


def remember(obj) -> None:
    """Keep what links to an item that is about to be deleted."""
    links = {"incoming": []}
    for field in _reverse_many_to_many(obj):
        pks = list(
            field.model._default_manager.filter(**{field.name: obj}).values_list("pk", flat=True)
        )
        if pks:
            links["incoming"].append([field.model._meta.label, field.name, pks])
    manager = getattr(obj, "tags", None)
    if manager is not None and hasattr(manager, "names"):
        links["tags"] = sorted(manager.names())
    DeletedLinks.objects.create(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk), links=links
    )


def restore(obj) -> None:
    """Put back the links a recovered item had when it was deleted."""
    from django.apps import apps

    record = (
        DeletedLinks.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        .order_by("-deleted_at", "-pk")
        .first()
    )
    if record is None:
        return
    for label, field_name, pks in record.links.get("incoming", []):
        model = apps.get_model(label)
        for other in model._default_manager.filter(pk__in=pks):
            getattr(other, field_name).add(obj)
    if record.links.get("tags") and hasattr(obj, "tags"):
        obj.tags.add(*record.links["tags"])
    record.delete()
