"""Site-wide search: a stored, weighted tsvector on each publishable model.

The column is added on every database. On PostgreSQL only, the pg_trgm extension, a GIN index
on each vector, trigram indexes on titles, and a trigger that keeps each vector current on every
insert and update (bulk loads included) are created, and existing rows are filled in. SQLite
keeps the empty column and searches with icontains instead.
"""

import django.contrib.postgres.search
from django.db import migrations

# table -> (weight A columns, weight B columns, weight C columns)
VECTORS = {
    "reviews_intervention": (["name"], ["summary"], ["description"]),
    "reviews_policy": (["name"], ["summary", "lead_body"], ["description"]),
    "reviews_keyconcept": (["term"], ["definition"], []),
    "reviews_evidencereview": (
        ["title"],
        ["summary"],
        [
            "key_concepts_text",
            "policies_text",
            "capacity_text",
            "interventions_text",
            "international_text",
            "burning_issues_text",
        ],
    ),
}
TITLES = {
    "reviews_intervention": "name",
    "reviews_policy": "name",
    "reviews_keyconcept": "term",
    "reviews_evidencereview": "title",
}


def _weighted(columns, weight):
    text = " || ' ' || ".join(f"coalesce(NEW.{column}, '')" for column in columns)
    return f"setweight(to_tsvector('pg_catalog.english', {text}), '{weight}')"


def create_search_support(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, groups in VECTORS.items():
        parts = [_weighted(cols, w) for cols, w in zip(groups, "ABC", strict=True) if cols]
        schema_editor.execute(
            f"""
            CREATE OR REPLACE FUNCTION {table}_search_vector() RETURNS trigger AS $$
            BEGIN
                NEW.search_vector := {" || ".join(parts)};
                RETURN NEW;
            END
            $$ LANGUAGE plpgsql
            """
        )
        schema_editor.execute(
            f"""
            CREATE TRIGGER {table}_search_vector_update
            BEFORE INSERT OR UPDATE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_search_vector()
            """
        )
        schema_editor.execute(
            f"CREATE INDEX {table}_search_vector_gin ON {table} USING gin (search_vector)"
        )
        schema_editor.execute(
            f"CREATE INDEX {table}_title_trgm ON {table} USING gin ({TITLES[table]} gin_trgm_ops)"
        )
        # Fire the trigger once for the rows already there.
        schema_editor.execute(f"UPDATE {table} SET search_vector = NULL")


def drop_search_support(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in VECTORS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_vector_update ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_search_vector()")
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_vector_gin")
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_title_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0002_editor_and_publisher_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name=model,
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                blank=True,
                editable=False,
                help_text="Kept up to date by the database on PostgreSQL; empty elsewhere.",
                null=True,
            ),
        )
        for model in ("evidencereview", "intervention", "keyconcept", "policy")
    ] + [
        migrations.RunPython(create_search_support, drop_search_support),
    ]
