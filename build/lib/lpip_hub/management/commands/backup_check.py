"""Prove that backups restore: dump the database, restore it into a scratch one, compare.

Runs pg_dump (custom format), creates a scratch database, pg_restore's the dump into it and
compares the row count of every table. Exits non-zero if any count differs. Use --keep to keep
the dump file, e.g. as the night's backup.
"""

import os
import subprocess
import tempfile
from pathlib import Path

import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def row_counts(conninfo: str) -> dict[str, int]:
    with psycopg.connect(conninfo, autocommit=True) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables
        }


class Command(BaseCommand):
    help = "Dump the PostgreSQL database, restore it into a scratch database, compare row counts."

    def add_arguments(self, parser):
        parser.add_argument("--keep", metavar="FILE", help="Keep the dump at this path.")

    def handle(self, *args, keep=None, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Backups are checked on PostgreSQL: set DATABASE_URL.")
        params = connection.get_connection_params()
        source = params["dbname"]
        scratch = f"{source}_restore_check"
        env = {**os.environ}
        if params.get("password"):
            env["PGPASSWORD"] = params["password"]
        common = [
            "--host",
            params.get("host") or "localhost",
            "--port",
            str(params.get("port") or 5432),
            "--username",
            params.get("user") or "postgres",
        ]
        admin = psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True)

        with tempfile.TemporaryDirectory() as folder:
            dump = Path(keep) if keep else Path(folder) / f"{source}.dump"
            self.run(["pg_dump", *common, "--format", "custom", "--file", str(dump), source], env)
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
            admin.execute(f'CREATE DATABASE "{scratch}"')
            try:
                self.run(["pg_restore", *common, "--no-owner", "--dbname", scratch, str(dump)], env)
                base = {
                    k: v for k, v in params.items() if k in ("host", "port", "user", "password")
                }
                before = row_counts(psycopg.conninfo.make_conninfo(**base, dbname=source))
                after = row_counts(psycopg.conninfo.make_conninfo(**base, dbname=scratch))
            finally:
                admin.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
                admin.close()

        differences = {t: (n, after.get(t)) for t, n in before.items() if after.get(t) != n}
        if differences:
            raise CommandError(f"Restored row counts differ: {differences}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restore checked: {len(before)} tables and {sum(before.values())} rows match."
            )
        )

    @staticmethod
    def run(command: list[str], env: dict) -> None:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")
