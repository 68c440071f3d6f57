"""Excel workbooks (.xlsx) built in tests, as owners save them."""

import io

import openpyxl


def workbook_bytes(*rows):
    """Bytes of an .xlsx workbook whose first sheet holds these rows."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
