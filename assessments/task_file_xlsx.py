"""The rows of an Excel workbook's (.xlsx) first sheet, as a task file's cells.

`task_file` reads these rows with the same header rules, row and column messages and limits
as a CSV file's; this module only turns the workbook's cells into text, or into an
`UnreadableCell` saying why a cell has no value to read (a formula, a date, an error).

Like `task_file`, it must not import Django and must not raise for any bytes it is given
other than `WorkbookRefused`. It never evaluates a formula and never trusts a formula's
saved result: the result is there only if the program that last saved the file computed
it, so reading it would give some files' costs and silently blank others'.
"""

import datetime
import io
import warnings
import zipfile
from dataclasses import dataclass
from decimal import Decimal

ZIP_SIGNATURE = b"PK\x03\x04"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Excel (.xls), Word (.doc)
# A small upload may unpack to a huge sheet (a "zip bomb"); a 1,000-task sheet needs ~1 MiB.
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
# Columns beyond this are not read: a task file has ten, and a stray cell in column XFD
# would otherwise make every row 16,384 cells long.
MAX_COLUMNS = 50
# Blank rows are skipped, as in a CSV file, but not read without end: a sheet formatted down
# to Excel's last row (1,048,576) would take seconds. Rows after this one are not read.
MAX_ROWS = 20_000
SAVE_AS = 'In Excel choose File > Save As > "Excel Workbook (.xlsx)" or "CSV UTF-8".'


class WorkbookRefused(Exception):
    """The workbook cannot be read; the message says why, as a whole-file problem."""


@dataclass(frozen=True, slots=True)
class UnreadableCell:
    """A cell with no plain value: `message` completes "Row 3, column monthly_cost: ..."."""

    shown: str
    message: str

    def __str__(self):
        return self.shown


def is_workbook(data):
    return data.startswith(ZIP_SIGNATURE)


def is_old_office_file(data):
    return data.startswith(OLE2_SIGNATURE)


def sheet_rows(data, *, max_filled_rows):
    """([(row number, cells)], warnings) of the first sheet, up to `max_filled_rows` rows
    that are not blank (so a caller can tell there were more). Raises WorkbookRefused."""
    _check_unpacked_size(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on styles it does not know
            return _read_rows(data, max_filled_rows)
    except WorkbookRefused:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        message = f"The Excel workbook cannot be read ({type(error).__name__}). {SAVE_AS}"
        raise WorkbookRefused(message) from None


def _check_unpacked_size(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        message = f"The file is a damaged ZIP archive, not a workbook. {SAVE_AS}"
        raise WorkbookRefused(message) from None
    if "xl/workbook.xml" not in names:
        raise WorkbookRefused(
            f"The file is a ZIP archive but not an Excel workbook (.xlsx). {SAVE_AS}"
        )
    if unpacked > MAX_UNPACKED_BYTES:
        limit = MAX_UNPACKED_BYTES // (1024 * 1024)
        raise WorkbookRefused(
            f"The workbook unpacks to more than {limit} MiB; keep only the task list in it."
        )


def _read_rows(data, max_filled_rows):
    from openpyxl import load_workbook  # only when a workbook comes: it is slow to import

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        sheet = workbook.worksheets[0]
        rows = []
        # One row more than is read, to tell that there are more.
        cells_by_row = sheet.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS)
        for row_number, cells in enumerate(cells_by_row, start=1):
            if row_number > MAX_ROWS:
                return rows, [f"Rows after row {MAX_ROWS:,} of the sheet were not read."]
            if all(cell.value is None for cell in cells):
                continue
            values = [cell_value(cell) for cell in cells]
            if any(isinstance(value, UnreadableCell) or value.strip() for value in values):
                rows.append((row_number, values))
                if len(rows) >= max_filled_rows:
                    break
        return rows, []
    finally:
        workbook.close()


def cell_value(cell):
    """The cell's text as a CSV file would hold it, or an UnreadableCell."""
    value, kind = cell.value, getattr(cell, "data_type", "n")
    if value is None:
        return ""
    if kind == "f":
        shown = str(getattr(value, "text", value))  # an array formula is an object
        return UnreadableCell(
            shown,
            f"is a formula ({_short(shown)}); type its value instead, or copy the column and "
            "paste it back with Paste Special > Values.",
        )
    if kind == "e":
        return UnreadableCell(str(value), f"shows the error {value}; type the value instead.")
    if isinstance(value, datetime.datetime | datetime.date | datetime.time | datetime.timedelta):
        shown = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return UnreadableCell(
            shown,
            f"is a date or time ({_short(shown)}); format the cell as Number or Text and "
            "type the value again.",
        )
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        return _number_text(value)
    return str(value)


def _number_text(value):
    """A number as it would be written plainly: 3, 1850.5, 0.00001 (never 1e-05)."""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    if isinstance(value, float):
        value = Decimal(repr(value))  # the shortest text that is this float: 0.1, not 0.1000...
    return format(value, "f")


def _short(text):
    return repr(text if len(text) <= 40 else text[:40] + "...")
