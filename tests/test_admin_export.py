"""The admin's CSV and Excel exports never turn text from the public into a live formula."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import InterventionFactory, publisher
from tests.test_admin_import import data_for

pytestmark = pytest.mark.django_db

HOSTILE_NAMES = [
    '=HYPERLINK("https://example.com/steal","Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
]


def export(client, file_format: str) -> bytes:
    for name in HOSTILE_NAMES:
        InterventionFactory(name=name, draft=True)  # suggestions arrive as drafts
    client.force_login(publisher())
    url = reverse("admin:reviews_intervention_export")
    data = {**data_for(client, "reviews", "intervention"), "format": file_format}
    response = client.post(url, data)
    assert response.status_code == 200
    return response.content


def test_a_suggestion_that_looks_like_a_formula_exports_to_csv_as_text(client):
    rows = list(csv.DictReader(io.StringIO(export(client, "0").decode("utf-8-sig"))))
    names = {row["name"] for row in rows}
    assert names == {"'" + name for name in HOSTILE_NAMES}


def test_a_suggestion_that_looks_like_a_formula_exports_to_excel_as_text(client):
    book = openpyxl.load_workbook(io.BytesIO(export(client, "1")))
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    cells = [row[headers.index("name")] for row in sheet.iter_rows(min_row=2)]
    assert {cell.value for cell in cells} == set(HOSTILE_NAMES)  # exactly as written
    assert {cell.data_type for cell in cells} == {"s"}  # and stored as text, not formulae


def test_an_escaped_export_imports_back_as_written(client):
    from tests.test_admin_import import upload

    exported = export(client, "0")
    preview = upload(client, "intervention", exported)
    assert [row.import_type for row in preview.context["result"].rows] == ["skip"] * 4
