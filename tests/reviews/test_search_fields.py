"""One definition of what search reads drives both databases; stemming on SQLite too."""

import importlib

import pytest
from django.db import connection

from reviews import search
from reviews.search_fields import STORED_FIELDS, WELSH_FIELDS, columns, fts_table
from tests.factories import InterventionFactory, PolicyFactory

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module("reviews.migrations.0003_search_vector")
WELSH_MIGRATION = importlib.import_module("reviews.migrations.0014_welsh_search")


def test_the_postgres_vectors_index_exactly_the_defined_fields():
    as_defined = {
        table: tuple(list(weights[w]) for w in "ABC") for table, weights in STORED_FIELDS.items()
    }
    assert {table: tuple(groups) for table, groups in MIGRATION.VECTORS.items()} == as_defined


def test_the_postgres_vectors_add_exactly_the_defined_welsh_fields():
    def as_defined(fields):
        return {table: tuple(list(weights[w]) for w in "ABC") for table, weights in fields.items()}

    assert as_defined(STORED_FIELDS) == WELSH_MIGRATION.ENGLISH
    assert {table: tuple(groups) for table, groups in WELSH_MIGRATION.WELSH.items()} == as_defined(
        WELSH_FIELDS
    )


def test_each_stored_source_searches_the_defined_fields_with_the_title_first():
    stored = [source for source in search.SOURCES if source.stored_vector]
    assert {source.table for source in stored} == set(STORED_FIELDS)
    for source in stored:
        assert source.text_fields == columns(source.table)
        assert source.title == STORED_FIELDS[source.table]["A"][0]


def test_the_database_indexes_the_defined_fields():
    with connection.cursor() as cursor:
        for table in STORED_FIELDS:
            if connection.vendor == "sqlite":
                cursor.execute(f"PRAGMA table_info({fts_table(table)})")
                assert tuple(row[1] for row in cursor.fetchall()) == columns(table)
            else:
                cursor.execute(f"SELECT pg_get_functiondef('{table}_search_vector'::regproc)")
                body = cursor.fetchone()[0]
                for column in columns(table):
                    assert f"NEW.{column}" in body, (table, column)


def test_other_forms_of_a_word_are_found_on_every_database(client):
    InterventionFactory(name="Apprenticeship levy transfer", summary="Firms share funds.")
    InterventionFactory(name="Green homes", summary="Insulation.")

    def names(text: str) -> list[str]:
        found = search.filter_interventions(search.INTERVENTIONS.queryset(), text)
        return [item.name for item in found]

    assert names("apprenticeships") == ["Apprenticeship levy transfer"]
    assert names("transferring levies") == ["Apprenticeship levy transfer"]
    assert names("apprentice") == ["Apprenticeship levy transfer"]  # a part-word still works
    response = client.get("/interventions/", {"q": "apprenticeships"})
    assert [item.name for item, _ in response.context["results"]] == [
        "Apprenticeship levy transfer"
    ]


def test_a_field_weighed_more_ranks_higher_and_search_follows_edits():
    body = PolicyFactory(name="Town fund", summary="Also helps with skills.")
    title = PolicyFactory(name="Skills fund", summary="Money.")
    found = search.matching(search.SOURCES[2].queryset(), search.SOURCES[2], "skill")
    assert [p.pk for p in found.order_by("-score")] == [title.pk, body.pk]
    body.summary = "Nothing else."
    body.save()
    assert [
        p.pk for p in search.matching(search.SOURCES[2].queryset(), search.SOURCES[2], "skill")
    ] == [title.pk]
    # lead_body is searched on both databases, as the stored vector always did.
    PolicyFactory(name="Growth deal", lead_body="Mid Wales councils")
    assert search.matching(search.SOURCES[2].queryset(), search.SOURCES[2], "councils").count() == 1
