"""What search reads on each publishable model, and how much each field weighs: one definition
for both databases.

PostgreSQL keeps a weighted tsvector per row: the English fields through the 'english'
configuration (migration 0003), the Welsh fields through WELSH_CONFIG, 'simple' with unaccent,
so "ymchwil" and "Ynys Mon" find "ymchwil" and "Ynys Môn" (migration 0014; a test holds both
migrations to these definitions). SQLite keeps an FTS5 table per model with the porter stemmer
and unicode61's remove_diacritics, over the English and Welsh fields alike, built from these
fields whenever the database is migrated, so "apprenticeships" finds "apprenticeship" there too.
"""

from django.db import connection

WEIGHT_FACTORS = {"A": 10.0, "B": 4.0, "C": 1.0}  # bm25 column weights on SQLite

# table -> weight -> columns, titles first.
STORED_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "reviews_intervention": {"A": ("name",), "B": ("summary",), "C": ("description",)},
    "reviews_policy": {"A": ("name",), "B": ("summary", "lead_body"), "C": ("description",)},
    "reviews_keyconcept": {"A": ("term",), "B": ("definition",), "C": ()},
    "reviews_evidencereview": {
        "A": ("title",),
        "B": ("summary",),
        "C": (
            "key_concepts_text",
            "policies_text",
            "capacity_text",
            "interventions_text",
            "international_text",
            "burning_issues_text",
        ),
    },
}


WELSH_CONFIG = "cy_simple"  # 'simple' with unaccent: no stemming for Welsh, accents folded

# The Welsh twins of the fields above (lpip_hub.bilingual), weighed as their English.
WELSH_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "reviews_intervention": {"A": ("name_cy",), "B": ("summary_cy",), "C": ("description_cy",)},
    "reviews_policy": {"A": ("name_cy",), "B": ("summary_cy",), "C": ("description_cy",)},
    "reviews_keyconcept": {"A": ("term_cy",), "B": ("definition_cy",), "C": ()},
    "reviews_evidencereview": {
        "A": ("title_cy",),
        "B": ("summary_cy",),
        "C": (
            "key_concepts_text_cy",
            "policies_text_cy",
            "capacity_text_cy",
            "interventions_text_cy",
            "international_text_cy",
            "burning_issues_text_cy",
        ),
    },
}


def _weighted_columns(table: str) -> list[tuple[str, str]]:
    """(column, weight) pairs: the English columns heaviest first, then the Welsh likewise."""
    return [
        (column, weight)
        for fields in (STORED_FIELDS, WELSH_FIELDS)
        for weight in "ABC"
        for column in fields[table][weight]
    ]


def columns(table: str) -> tuple[str, ...]:
    """The table's searchable columns: English heaviest first, then Welsh heaviest first."""
    return tuple(column for column, _ in _weighted_columns(table))


def welsh_columns(table: str) -> tuple[str, ...]:
    return tuple(column for weight in "ABC" for column in WELSH_FIELDS[table][weight])


def column_weights(table: str) -> tuple[float, ...]:
    return tuple(WEIGHT_FACTORS[weight] for _, weight in _weighted_columns(table))


def fts_table(table: str) -> str:
    return f"{table}_fts"


def build_sqlite_search(**kwargs) -> None:
    """(Re)build each FTS5 table and the triggers that keep it current, from STORED_FIELDS.

    Run after every migrate: SQLite drops a table's triggers when a migration rebuilds the
    table, and a changed definition needs new columns.
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        existing = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master")}
        for table in STORED_FIELDS:
            if table not in existing:
                continue
            fts, cols = fts_table(table), columns(table)
            listed = ", ".join(cols)
            new = ", ".join(f"new.{c}" for c in cols)
            old = ", ".join(f"old.{c}" for c in cols)
            for suffix in ("ai", "ad", "au"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            cursor.execute(f"DROP TABLE IF EXISTS {fts}")
            cursor.execute(
                f"CREATE VIRTUAL TABLE {fts} USING fts5({listed}, content='{table}', "
                "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
            )
            cursor.execute(
                f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
                f"INSERT INTO {fts}(rowid, {listed}) VALUES (new.id, {new}); END"
            )
            cursor.execute(
                f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
                f"INSERT INTO {fts}({fts}, rowid, {listed}) VALUES ('delete', old.id, {old}); END"
            )
            cursor.execute(
                f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN "
                f"INSERT INTO {fts}({fts}, rowid, {listed}) VALUES ('delete', old.id, {old}); "
                f"INSERT INTO {fts}(rowid, {listed}) VALUES (new.id, {new}); END"
            )
            cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
