"""Search in Welsh on PostgreSQL: the Welsh fields join each stored tsvector.

Welsh text goes through `cy_simple`, a copy of the 'simple' configuration that first folds
accents with the unaccent extension: PostgreSQL has no Welsh stemmer, and people often type
"Ynys Mon" for "Ynys Môn". The trigger functions of migration 0003 are replaced by ones that add
the Welsh fields, weighted as their English, and existing rows are filled in again. Nothing
happens on SQLite, whose FTS5 tables are rebuilt from reviews/search_fields.py after migrating.
"""

from django.db import migrations

# table -> (weight A, weight B, weight C) columns: English, then Welsh.
ENGLISH = {
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
WELSH = {
    "reviews_intervention": (["name_cy"], ["summary_cy"], ["description_cy"]),
    "reviews_policy": (["name_cy"], ["summary_cy"], ["description_cy"]),
    "reviews_keyconcept": (["term_cy"], ["definition_cy"], []),
    "reviews_evidencereview": (
        ["title_cy"],
        ["summary_cy"],
        [
            "key_concepts_text_cy",
            "policies_text_cy",
            "capacity_text_cy",
            "interventions_text_cy",
            "international_text_cy",
            "burning_issues_text_cy",
        ],
    ),
}
WELSH_CONFIG = "cy_simple"


def _weighted(config, columns, weight):
    text = " || ' ' || ".join(f"coalesce(NEW.{column}, '')" for column in columns)
    return f"setweight(to_tsvector('{config}', {text}), '{weight}')"


def _set_triggers(schema_editor, vectors):
    for table, languages in vectors.items():
        parts = [
            _weighted(config, cols, weight)
            for config, groups in languages
            for cols, weight in zip(groups, "ABC", strict=True)
            if cols
        ]
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
        schema_editor.execute(f"UPDATE {table} SET search_vector = NULL")


def add_welsh_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {WELSH_CONFIG}")
    schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {WELSH_CONFIG} (COPY = simple)")
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {WELSH_CONFIG} "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
    )
    _set_triggers(
        schema_editor,
        {
            table: [("pg_catalog.english", ENGLISH[table]), (WELSH_CONFIG, WELSH[table])]
            for table in ENGLISH
        },
    )


def remove_welsh_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _set_triggers(
        schema_editor, {table: [("pg_catalog.english", ENGLISH[table])] for table in ENGLISH}
    )
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {WELSH_CONFIG}")


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0013_welsh_content_fields"),
    ]

    operations = [migrations.RunPython(add_welsh_search, remove_welsh_search)]
