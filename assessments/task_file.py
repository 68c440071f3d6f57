"""Read an uploaded task file (CSV, or an Excel .xlsx workbook) and say, row by row and
column by column, what is wrong.

A business owner can list many tasks in a spreadsheet instead of typing them one by one. This
module turns the file's bytes into `TaskRow` values or a list of `FileProblem`s in plain English;
the whole file is refused if anything is wrong, so a half-imported list never happens. A
workbook is told from CSV by its content (a ZIP archive holding a workbook), not by its name;
its first sheet is read by `task_file_xlsx` and then follows every rule a CSV file does. Costs
and hours are read by `numbers.parse_amount`, as the questionnaire's fields read them.

It must not import Django, touch the database, resolve service types (the caller does that with
the raw `service_type` text), score anything, or raise for any bytes it is given.

Columns, in template order (header names are case-insensitive; spaces and hyphens inside a name
count as underscores, so "Skill level" is `skill_level`): name*, complexity*, skill_level*,
monthly_cost*, hours_per_month (the team's total people-hours a month), strategic_importance,
data_sensitivity, standardisation, service_type, description (* required). One alias:
`standardization` means `standardisation`.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from outsourcing_advisor.plain_text import plain_text

from . import task_file_xlsx
from .numbers import AmountRefused, parse_amount
from .task_file_xlsx import UnreadableCell

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TASKS = 1000
MAX_PROBLEMS = 100
MAX_NAME_LENGTH = 120
MAX_SERVICE_TYPE_LENGTH = 120
MAX_DESCRIPTION_LENGTH = 1000
MAX_MONTHLY_COST = Decimal("10000000")
# Total people-hours a month across everyone who does a task (10 agents x 160 h = 1,600),
# so not one person's calendar month. Defined here, in a module that needs only the stdlib,
# so that this parser, the questionnaire's form and the database constraint share one bound.
MAX_HOURS_PER_MONTH = Decimal("200000")
COLUMNS = (
    "name",
    "complexity",
    "skill_level",
    "monthly_cost",
    "hours_per_month",
    "strategic_importance",
    "data_sensitivity",
    "standardisation",
    "service_type",
    "description",
)
REQUIRED_COLUMNS = ("name", "complexity", "skill_level", "monthly_cost")
ALIASES = {"standardization": "standardisation"}
DELIMITERS = (",", ";", "\t")  # comma first: it wins a tie
# Same as outsourcing_advisor.spreadsheets, copied so that this module needs only the stdlib.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SCORES = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
TEMPLATE_EXAMPLES = (  # a routine task that suits a BPO, and a knowledge task
    "Invoice data entry,2,1,1850.00,120,1,2,5,data-entry,"
    "Keying supplier invoices into the accounting system.",
    "Competitor price research,4,4,3200,40,4,3,2,market-research,"
    "Monthly analysis of competitor prices for the sales team.",
)
SAVE_AS_HINT = (
    'In Excel choose File > Save As > "CSV UTF-8 (Comma delimited)" or "Excel Workbook (.xlsx)".'
)


@dataclass(frozen=True, slots=True)
class TaskRow:
    row_number: int  # as a spreadsheet shows it: the header is row 1
    name: str
    complexity: int
    skill_level: int
    monthly_cost: Decimal
    hours_per_month: Decimal | None
    strategic_importance: int | None
    data_sensitivity: int | None
    standardisation: int | None
    service_type: str | None  # raw text; the caller resolves it against the catalog
    description: str


@dataclass(frozen=True, slots=True)
class ServiceTypeCell:
    """A service type named on a row, whether or not the row's other cells are valid."""

    row_number: int
    service_type: str


@dataclass(frozen=True, slots=True)
class FileProblem:
    row: int | None  # None: the problem is with the file as a whole
    column: str | None
    message: str

    def __str__(self):
        if self.row is None:
            return f"File: {self.message}"
        if self.column is None:
            return f"Row {self.row}: {self.message}"
        return f"Row {self.row}, column {self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class ParsedTaskFile:
    tasks: list[TaskRow]
    problems: list[FileProblem]
    warnings: list[str]
    # Every service type the file names, rows with problems included, so that a caller can
    # report unknown ones together with the file's other problems.
    service_type_cells: list[ServiceTypeCell] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems


class _FileRefused(Exception):
    """The file cannot be read any further; carries the problems that say why."""

    def __init__(self, *problems):
        super().__init__(problems)
        self.problems = list(problems)


class _CellError(Exception):
    """One cell's value is not acceptable; the message completes "column x: ..."."""


def parse_task_file(
    data: bytes,
    *,
    max_tasks: int = MAX_TASKS,
    max_bytes: int = MAX_FILE_BYTES,
    currency: str | None = None,
) -> ParsedTaskFile:
    """Read every task in `data`, collecting every problem; never raises.

    `currency` is the ISO code the costs are in: a cost may then carry its sign or code
    ("£3,200" when GBP). Without it, a cost is a plain number.
    """
    try:
        records, warnings, is_csv = _records_of(data, max_bytes, max_tasks)
        return _parse_records(records, warnings, is_csv, max_tasks, currency)
    except _FileRefused as refusal:
        return ParsedTaskFile(tasks=[], problems=refusal.problems, warnings=[])


def with_unknown_service_types(problems, unknown):
    """`problems` plus one for each (row, text) naming no catalog service, in row order
    (a row's own in column order), problems with the whole file last."""
    found = [
        FileProblem(row, "service_type", f"no published catalog service type {text!r}.")
        for row, text in unknown
    ]
    return sorted([*problems, *found], key=lambda problem: (problem.row is None, problem.row or 0))


def template_csv() -> str:
    """A header and two example tasks, for people to download and fill in."""
    return "\r\n".join((",".join(COLUMNS), *TEMPLATE_EXAMPLES, ""))


def _records_of(data, max_bytes, max_tasks):
    """(records, warnings, whether the file is CSV), or _FileRefused."""
    if len(data) > max_bytes:
        limit = f"{max_bytes / (1024 * 1024):g} MiB"
        message = f"The file is larger than the {limit} limit; split the tasks across files."
        raise _FileRefused(_file_problem(message))
    if task_file_xlsx.is_workbook(data):
        try:  # the header and one task more than allowed, to tell that there are too many
            rows, warnings = task_file_xlsx.sheet_rows(data, max_filled_rows=max_tasks + 2)
        except task_file_xlsx.WorkbookRefused as refusal:
            raise _FileRefused(_file_problem(str(refusal))) from None
        return rows, warnings, False
    if task_file_xlsx.is_old_office_file(data):
        message = f"The file is an old Excel (.xls) or other Office file. {SAVE_AS_HINT}"
        raise _FileRefused(_file_problem(message))
    return _records(_decode(data)), [], True


def _decode(data):
    if b"\x00" in data:
        raise _FileRefused(
            _file_problem(f"The file has NUL bytes, so it is not CSV text. {SAVE_AS_HINT}")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        message = f"The file must be saved as UTF-8 CSV. {SAVE_AS_HINT}"
        raise _FileRefused(_file_problem(message)) from None


def _parse_records(records, warnings, is_csv, max_tasks, currency):
    records = iter(records)
    header = next((cells for _, cells in records if not _is_blank(cells)), None)
    if header is None:
        raise _FileRefused(_file_problem("The file has no tasks: it is empty."))
    columns, header_warnings = _read_header([str(heading) for heading in header])
    warnings = [*header_warnings, *warnings]
    # A CSV row longer than its header has an unquoted delimiter; a sheet has none.
    width = len(header) if is_csv else None
    parsers = _parsers(currency)
    tasks, problems, service_type_cells, row_count = [], [], [], 0
    for row_number, cells in records:
        if _is_blank(cells):
            continue
        row_count += 1
        if row_count > max_tasks:  # stop here: a huge file is refused without reading it all
            raise _FileRefused(_file_problem(f"The file has more than {max_tasks} tasks."))
        task, row_problems, service_type = _read_row(row_number, cells, columns, width, parsers)
        tasks.extend([task] if task else [])
        problems.extend(row_problems)
        if service_type:
            service_type_cells.append(ServiceTypeCell(row_number, service_type))
    if not row_count:
        raise _FileRefused(_file_problem("The file has no tasks: add one task per row."))
    return ParsedTaskFile(tasks, _capped(problems), warnings, service_type_cells)


def _records(text):
    """Yield (spreadsheet row number, cells); a blank line is a row, as in a spreadsheet."""
    header_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    row_number = 0
    try:
        for row_number, cells in enumerate(reader, start=1):
            yield row_number, cells
    except csv.Error as error:  # such as a cell longer than the csv module's field limit
        problem = FileProblem(row_number + 1, None, f"cannot be read as CSV ({error}).")
        raise _FileRefused(problem) from None


def _read_header(header):
    columns, repeated, unknown = {}, {}, {}
    for index, heading in enumerate(header):
        key = heading.strip().lower().replace(" ", "_").replace("-", "_")
        key = ALIASES.get(key, key)
        if key in columns:
            repeated[key] = None
        elif key in COLUMNS:
            columns[key] = index
        elif key:  # an empty heading is spreadsheet padding, not worth a warning
            unknown[heading.strip()] = None
    problems = [FileProblem(None, key, f"The column {key} appears twice.") for key in repeated]
    if missing := [name for name in REQUIRED_COLUMNS if name not in columns]:
        message = f"The header row lacks required columns: {', '.join(missing)}."
        problems.append(_file_problem(message))
    if problems:
        raise _FileRefused(*problems)
    warnings = [f"Ignored unknown columns: {', '.join(unknown)}."] if unknown else []
    return columns, warnings


def _read_row(row_number, cells, columns, width, parsers):
    problems = []
    if width is not None and any(cell.strip() for cell in cells[width:]):
        message = f"has {len(cells)} cells but the header has {width} (an unquoted delimiter?)."
        problems.append(FileProblem(row_number, None, message))
    values = {}
    for column, index in columns.items():
        try:
            value = _cell(parsers[column], cells[index] if index < len(cells) else "")
        except _CellError as error:
            problems.append(FileProblem(row_number, column, str(error)))
        else:
            if value is not None:
                values[column] = value
    service_type = values.get("service_type")
    if problems:
        return None, problems, service_type
    return TaskRow(row_number=row_number, **{**_DEFAULTS, **values}), [], service_type


def _cell(parser, raw):
    if isinstance(raw, UnreadableCell):
        raise _CellError(raw.message)
    return parser(raw)


def _text(raw, limit, *, required=False):
    text = raw.strip()
    if text[:1] == "'" and text[1:2] in FORMULA_PREFIXES:  # undo our own formula escaping
        text = text[1:].lstrip()  # an escaped tab or CR is leading space like any other
    text = plain_text(text).strip()
    if not text:
        return _blank(required)
    if len(text) > limit:
        raise _CellError(f"must be at most {limit} characters (got {len(text)}).")
    return text


def _score(raw, *, required=False):
    text = raw.strip()
    if not text:
        return _blank(required)
    if text not in SCORES:
        raise _CellError(f"must be a whole number from 1 to 5 (got {_shown(text)}).")
    return SCORES[text]


def _monthly_cost(raw, currency):
    amount = _amount(raw, currency, required=True)
    if not Decimal(0) <= amount <= MAX_MONTHLY_COST:
        raise _CellError(f"must be from 0 to 10,000,000 (got {_shown(raw.strip())}).")
    return amount


def _hours_per_month(raw):
    hours = _amount(raw, None)
    if hours is not None and not Decimal(0) < hours <= MAX_HOURS_PER_MONTH:
        raise _CellError(
            "must be the team's total people-hours a month, more than 0 and at most "
            f"{MAX_HOURS_PER_MONTH:,} (got {_shown(raw.strip())})."
        )
    return hours


def _amount(raw, currency, *, required=False):
    """A number as `numbers.parse_amount` reads it, with at most two decimals."""
    text = raw.strip()
    try:
        amount = parse_amount(text, currency=currency)
    except AmountRefused as refusal:
        if refusal.code == "invalid":
            message = f"must be a number such as 1200 or 1,200.50 (got {_shown(text)})."
            raise _CellError(message) from None
        raise _CellError(f"{refusal.clause} (got {_shown(text)}).") from None
    if amount is None:
        return _blank(required)
    if amount.as_tuple().exponent < -2:
        raise _CellError(f"must have at most 2 decimal places (got {_shown(text)}).")
    return amount


def _blank(required):
    if required:
        raise _CellError("is required.")
    return None


def _shown(text):
    return repr(text if len(text) <= 40 else text[:40] + "...")


def _is_blank(cells):
    return not any(isinstance(cell, UnreadableCell) or cell.strip() for cell in cells)


def _capped(problems):
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], _file_problem(f"...and {more} more problems.")]


def _file_problem(message):
    return FileProblem(row=None, column=None, message=message)


def _parsers(currency):
    """Each column's reader of a cell's text; costs are in `currency`."""
    return {
        "name": lambda raw: _text(raw, MAX_NAME_LENGTH, required=True),
        "complexity": lambda raw: _score(raw, required=True),
        "skill_level": lambda raw: _score(raw, required=True),
        "monthly_cost": lambda raw: _monthly_cost(raw, currency),
        "hours_per_month": _hours_per_month,
        "strategic_importance": _score,
        "data_sensitivity": _score,
        "standardisation": _score,
        "service_type": lambda raw: _text(raw, MAX_SERVICE_TYPE_LENGTH),
        "description": lambda raw: _text(raw, MAX_DESCRIPTION_LENGTH),
    }


# Every column not given is None, but a missing description is an empty text.
_DEFAULTS = {**dict.fromkeys(COLUMNS), "description": ""}
