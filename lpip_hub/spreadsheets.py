"""Spreadsheets that never run what a visitor typed: one rule for every CSV and Excel export.

Text from the public (a suggested example's name, say) may begin with a character that a
spreadsheet reads as the start of a formula: =HYPERLINK(...) would become a live link. In CSV
such a cell gains a leading apostrophe, which spreadsheets read as "this is text"; in Excel the
cell is stored as a string, so the text is exactly as written. The admin's export formats and the
finder's public CSV both use this module.
"""

import io

import openpyxl
import tablib
from import_export.formats.base_formats import CSV, XLSX

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value) -> str:
    """The value as CSV text that no spreadsheet will run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def from_formula_safe(text: str) -> str:
    """Undo formula_safe on import, so an exported file imports back unchanged."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


class FormulaSafeCSV(CSV):
    def export_data(self, dataset, **kwargs):
        safe = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            safe.append([formula_safe(cell) for cell in row])
        return safe.export(self.get_title(), **kwargs)


class FormulaSafeXLSX(XLSX):
    def export_data(self, dataset, **kwargs):
        book = openpyxl.load_workbook(io.BytesIO(dataset.export(self.get_title(), **kwargs)))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # text openpyxl took for a formula
                        cell.data_type = "s"
        output = io.BytesIO()
        book.save(output)
        return output.getvalue()
