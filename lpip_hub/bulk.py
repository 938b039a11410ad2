"""Inserting many rows at once: COPY on PostgreSQL, batched INSERTs elsewhere.

For writes of hundreds of thousands of rows (the finder index, synthetic data) where no ids
need to come back and no signals or save() are expected.
"""

from django.db import connection

BATCH = 5000


def insert_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """Insert plain rows of the named columns (attnames: `intervention_id`)."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(
            connection.ops.quote_name(model._meta.get_field(column).column)
            if column != "id"
            else "id"
            for column in columns
        )
        sql = f"COPY {table} ({names}) FROM STDIN"  # noqa: S608 - names from the model only
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
        return
    model.objects.bulk_create(
        [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=BATCH
    )


def insert_objects(model, objects: list) -> None:
    """Insert unsaved model instances as bulk_create would (defaults, auto_now fields), without
    reading their ids back."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    rows = [
        tuple(field.get_db_prep_save(field.pre_save(obj, add=True), connection) for field in fields)
        for obj in objects
    ]
    insert_rows(model, [field.attname for field in fields], rows)
