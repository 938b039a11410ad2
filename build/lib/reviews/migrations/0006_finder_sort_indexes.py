"""Indexes that let the finder read its first page of published interventions in sort order.

With them, PostgreSQL walks the index and stops after a page instead of sorting every match.
The NULLS LAST ordering needs PostgreSQL; SQLite keeps its plain indexes.
"""

from django.db import migrations

INDEXES = {
    "reviews_intervention_published_newest": (
        "start_year DESC NULLS LAST, published_at DESC NULLS LAST, id"
    ),
    "reviews_intervention_published_name": "name, id",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON reviews_intervention ({columns}) "
            "WHERE status = 'published'"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("reviews", "0005_outputs_permissions")]

    operations = [migrations.RunPython(create, drop)]
