"""Backups restore: a dump restored into a scratch database has the same rows."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import InterventionFactory, OutcomeFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_dump_restores_with_the_same_row_counts():
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore need PostgreSQL (run with DATABASE_URL=postgres://)")
    OutcomeFactory(intervention=InterventionFactory())
    out = io.StringIO()
    call_command("backup_check", stdout=out)
    assert "rows match" in out.getvalue()
