"""A business owner's CSV file of tasks is read in full, or refused with every problem named."""

import csv
import datetime
import io
import subprocess
import sys
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.task_file import (
    COLUMNS,
    MAX_FILE_BYTES,
    MAX_TASKS,
    REQUIRED_COLUMNS,
    FileProblem,
    ParsedTaskFile,
    ServiceTypeCell,
    TaskRow,
    parse_task_file,
    template_csv,
)

GOOD = {
    "name": "Invoice data entry",
    "complexity": "2",
    "skill_level": "1",
    "monthly_cost": "1850.00",
    "hours_per_month": "120",
    "strategic_importance": "1",
    "data_sensitivity": "3",
    "standardisation": "5",
    "service_type": "data-entry",
    "description": "Keying supplier invoices into the ledger.",
}
GOOD_TASK = TaskRow(
    row_number=2,
    name="Invoice data entry",
    complexity=2,
    skill_level=1,
    monthly_cost=Decimal("1850.00"),
    hours_per_month=Decimal("120"),
    strategic_importance=1,
    data_sensitivity=3,
    standardisation=5,
    service_type="data-entry",
    description="Keying supplier invoices into the ledger.",
)
MINIMAL_HEADER = "name,complexity,skill_level,monthly_cost"
NOT_A_SCORE = "must be a whole number from 1 to 5 (got {!r})."
NOT_A_NUMBER = "must be a number such as 1200 or 1,200.50 (got {!r})."
CURRENCY = "must be a plain number, without a currency symbol or code (got {!r})."
COST_RANGE = "must be from 0 to 10,000,000 (got {!r})."
HOURS_RANGE = (
    "must be the team's total people-hours a month, more than 0 and at most 200,000 (got {!r})."
)
ARABIC_1200 = "\u0661\u0662\u0660\u0660"  # digits Python's Decimal would accept
FULL_WIDTH_1200 = "\uff11\uff12\uff10\uff10"
DECIMALS = "must have at most 2 decimal places (got {!r})."
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the start of an old .xls file
AMBIGUOUS = "is ambiguous: write {} (got {!r})."


def csv_file(*rows, columns=COLUMNS, delimiter=","):
    """Bytes of a CSV file whose rows are GOOD with the given changes."""
    output = io.StringIO()
    writer = csv.writer(output, delimiter=delimiter)
    writer.writerow(columns)
    writer.writerows([{**GOOD, **changes}[column] for column in columns] for changes in rows)
    return output.getvalue().encode()


def zip_of(members):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return output.getvalue()


def lines(*text_lines):
    return "\r\n".join(text_lines).encode()


def only_problem(result):
    assert not result.is_valid
    assert len(result.problems) == 1
    return result.problems[0]


def test_a_file_with_every_column_gives_every_value():
    result = parse_task_file(csv_file({}))

    assert result == ParsedTaskFile(
        tasks=[GOOD_TASK],
        problems=[],
        warnings=[],
        service_type_cells=[ServiceTypeCell(2, "data-entry")],
    )
    assert result.is_valid


def test_a_file_with_only_the_required_columns_leaves_the_rest_unset():
    result = parse_task_file(lines(MINIMAL_HEADER, "Payroll,3,2,2400"))

    assert result.is_valid
    assert result.tasks == [
        TaskRow(
            row_number=2,
            name="Payroll",
            complexity=3,
            skill_level=2,
            monthly_cost=Decimal("2400"),
            hours_per_month=None,
            strategic_importance=None,
            data_sensitivity=None,
            standardisation=None,
            service_type=None,
            description="",
        )
    ]


def test_columns_may_come_in_any_order_and_case_with_spaces():
    header = " Monthly-Cost ,SKILL LEVEL,Description,COMPLEXITY, Name "
    result = parse_task_file(lines(header, "900,4,Checks,1,Audit"))

    assert result.is_valid
    task = result.tasks[0]
    assert (task.name, task.complexity, task.skill_level) == ("Audit", 1, 4)
    assert (task.monthly_cost, task.description) == (Decimal("900"), "Checks")


def test_the_american_spelling_of_standardisation_is_accepted():
    result = parse_task_file(lines(f"{MINIMAL_HEADER},Standardization", "Payroll,3,2,2400,4"))

    assert result.is_valid
    assert result.tasks[0].standardisation == 4


def test_unknown_columns_are_ignored_with_a_warning_naming_them():
    result = parse_task_file(lines(f"{MINIMAL_HEADER},notes,Owner,", "Payroll,3,2,2400,x,Ann,"))

    assert result.is_valid
    assert result.warnings == ["Ignored unknown columns: notes, Owner."]


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("complexity,skill_level,monthly_cost", "name"),
        ("name,skill_level", "complexity, monthly_cost"),
        ("description,hours_per_month", "name, complexity, skill_level, monthly_cost"),
        ("Payroll,3,2,2400", "name, complexity, skill_level, monthly_cost"),
    ],
)
def test_missing_required_columns_are_listed_by_name(header, missing):
    result = parse_task_file(lines(header, "a,1,1,1"))

    problem = only_problem(result)
    assert str(problem) == f"File: The header row lacks required columns: {missing}."
    assert result.tasks == []


@pytest.mark.parametrize(
    ("header", "column"),
    [
        (f"{MINIMAL_HEADER},complexity", "complexity"),
        (f"{MINIMAL_HEADER},NAME", "name"),
        (f"{MINIMAL_HEADER},standardisation,standardization", "standardisation"),
    ],
)
def test_a_column_given_twice_refuses_the_file(header, column):
    problem = only_problem(parse_task_file(lines(header, "Payroll,3,2,2400,3,3")))

    assert problem == FileProblem(None, column, f"The column {column} appears twice.")


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("name", "", "is required."),
        ("name", "   ", "is required."),
        ("name", "n" * 121, "must be at most 120 characters (got 121)."),
        ("complexity", "", "is required."),
        ("complexity", "7", NOT_A_SCORE.format("7")),
        ("complexity", "0", NOT_A_SCORE.format("0")),
        ("complexity", "2.5", NOT_A_SCORE.format("2.5")),
        ("complexity", "three", NOT_A_SCORE.format("three")),
        ("skill_level", "", "is required."),
        ("skill_level", "6", NOT_A_SCORE.format("6")),
        ("strategic_importance", "9", NOT_A_SCORE.format("9")),
        ("data_sensitivity", "-1", NOT_A_SCORE.format("-1")),
        ("standardisation", "high", NOT_A_SCORE.format("high")),
        ("monthly_cost", "", "is required."),
        ("monthly_cost", "-5", COST_RANGE.format("-5")),
        ("monthly_cost", "10000000.01", COST_RANGE.format("10000000.01")),
        ("monthly_cost", "abc", NOT_A_NUMBER.format("abc")),
        ("monthly_cost", "NaN", NOT_A_NUMBER.format("NaN")),
        ("monthly_cost", "1e3", NOT_A_NUMBER.format("1e3")),
        ("monthly_cost", "1 20", NOT_A_NUMBER.format("1 20")),
        ("monthly_cost", "1200,505", DECIMALS.format("1200,505")),
        ("monthly_cost", "12,00,0", NOT_A_NUMBER.format("12,00,0")),
        ("monthly_cost", "1.200", AMBIGUOUS.format("1200 or 1.2", "1.200")),
        ("monthly_cost", "1.2.3", NOT_A_NUMBER.format("1.2.3")),
        ("monthly_cost", ARABIC_1200, NOT_A_NUMBER.format(ARABIC_1200)),
        ("monthly_cost", FULL_WIDTH_1200, NOT_A_NUMBER.format(FULL_WIDTH_1200)),
        ("monthly_cost", "1200.505", DECIMALS.format("1200.505")),
        ("monthly_cost", "$1200", CURRENCY.format("$1200")),
        ("monthly_cost", "USD 1200", CURRENCY.format("USD 1200")),
        ("monthly_cost", "1200 eur", CURRENCY.format("1200 eur")),
        ("monthly_cost", "€1.200,50", CURRENCY.format("€1.200,50")),
        ("hours_per_month", "0", HOURS_RANGE.format("0")),
        ("hours_per_month", "-3", HOURS_RANGE.format("-3")),
        ("hours_per_month", "200000.01", HOURS_RANGE.format("200000.01")),
        ("hours_per_month", "200,001", HOURS_RANGE.format("200,001")),
        ("hours_per_month", "12.345", DECIMALS.format("12.345")),
        ("hours_per_month", "1234.567", DECIMALS.format("1234.567")),
        ("hours_per_month", "£5", CURRENCY.format("£5")),
        ("hours_per_month", "lots", NOT_A_NUMBER.format("lots")),
        ("service_type", "s" * 121, "must be at most 120 characters (got 121)."),
        ("description", "d" * 1001, "must be at most 1000 characters (got 1001)."),
    ],
)
def test_a_bad_value_is_named_by_row_and_column(column, value, message):
    result = parse_task_file(csv_file({}, {column: value}))

    assert result.problems == [FileProblem(3, column, message)]
    assert not result.is_valid
    assert [task.row_number for task in result.tasks] == [2]


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("monthly_cost", "1200", Decimal("1200")),
        ("monthly_cost", "1200.50", Decimal("1200.50")),
        ("monthly_cost", "1,200.50", Decimal("1200.50")),
        ("monthly_cost", "1,234,567", Decimal("1234567")),
        ("monthly_cost", " 950 ", Decimal("950")),
        ("monthly_cost", "0", Decimal("0")),
        ("monthly_cost", "10,000,000.00", Decimal("10000000")),
        ("hours_per_month", "744", Decimal("744")),  # one person's whole month: no limit now
        ("hours_per_month", "1,600", Decimal("1600")),  # 10 agents x 160 h
        ("hours_per_month", "200000", Decimal("200000")),
        ("hours_per_month", "200,000.00", Decimal("200000")),
        ("hours_per_month", "0.25", Decimal("0.25")),
        ("hours_per_month", "1.200,50", Decimal("1200.50")),
        ("hours_per_month", "1,5", Decimal("1.5")),
        ("monthly_cost", "1 200", Decimal("1200")),
        ("monthly_cost", "3\u202f200", Decimal("3200")),
        ("monthly_cost", "1200,50", Decimal("1200.50")),
        ("monthly_cost", "12,00", Decimal("12.00")),
        ("hours_per_month", "", None),
        ("complexity", " 5 ", 5),
        ("strategic_importance", "", None),
        ("name", "  Payroll  ", "Payroll"),
        ("service_type", "Data entry", "Data entry"),
        ("service_type", "  ", None),
        ("description", "", ""),
    ],
)
def test_a_good_value_is_read_as_its_type(column, value, expected):
    result = parse_task_file(csv_file({column: value}))

    assert result.is_valid
    assert getattr(result.tasks[0], column) == expected


def test_minus_zero_is_read_as_a_plain_zero():
    cost = parse_task_file(csv_file({"monthly_cost": "-0.00"})).tasks[0].monthly_cost

    assert str(cost) == "0.00"


@pytest.mark.parametrize("column", ["name", "service_type", "description"])
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("'=SUM(A1:A9)", "=SUM(A1:A9)"),
        ("'+44 20", "+44 20"),
        ("'-x", "-x"),
        ("'@home", "@home"),
        ("=SUM(A1:A9)", "=SUM(A1:A9)"),
        ("'quoted'", "'quoted'"),
        ("'\tTabbed", "Tabbed"),
    ],
)
def test_our_own_formula_escaping_is_removed_and_formulas_are_plain_text(column, value, expected):
    result = parse_task_file(csv_file({column: value}))

    assert result.is_valid
    assert getattr(result.tasks[0], column) == expected


def test_every_problem_of_every_row_is_collected():
    result = parse_task_file(
        csv_file({"complexity": "9", "monthly_cost": "$5"}, {}, {"name": "", "skill_level": "x"})
    )

    assert [str(problem) for problem in result.problems] == [
        "Row 2, column complexity: must be a whole number from 1 to 5 (got '9').",
        f"Row 2, column monthly_cost: {CURRENCY.format('$5')}",
        "Row 4, column name: is required.",
        "Row 4, column skill_level: must be a whole number from 1 to 5 (got 'x').",
    ]
    assert not result.is_valid
    assert [task.row_number for task in result.tasks] == [3]


def test_every_named_service_type_is_kept_for_checking_even_on_rows_with_problems():
    result = parse_task_file(
        csv_file(
            {"complexity": "9", "service_type": " astrology "},
            {"service_type": ""},
            {"service_type": "Market research"},
            {"monthly_cost": "lots", "service_type": "x" * 121},  # too long: a problem itself
        )
    )

    assert [(cell.row_number, cell.service_type) for cell in result.service_type_cells] == [
        (2, "astrology"),
        (4, "Market research"),
    ]
    assert [task.row_number for task in result.tasks] == [3, 4]


def test_a_refused_file_names_no_service_types():
    assert parse_task_file(b"name,complexity\nA,1\n").service_type_cells == []


def test_problems_beyond_a_hundred_are_counted_not_listed():
    result = parse_task_file(csv_file(*[{"complexity": "9"}] * 150))

    assert len(result.problems) == 101
    assert [problem.row for problem in result.problems[:100]] == list(range(2, 102))
    assert result.problems[-1] == FileProblem(None, None, "...and 50 more problems.")


def test_blank_lines_are_skipped_but_keep_spreadsheet_row_numbers():
    data = lines(MINIMAL_HEADER, "", " , ,, ", "Payroll,3,2,x", "")

    assert parse_task_file(data).problems == [
        FileProblem(4, "monthly_cost", NOT_A_NUMBER.format("x"))
    ]


def test_a_cell_spanning_lines_is_one_row():
    data = lines(f"{MINIMAL_HEADER},description", 'A,1,1,1,"two\nlines"', "B,9,1,1")

    assert parse_task_file(data).problems == [FileProblem(3, "complexity", NOT_A_SCORE.format("9"))]


def test_a_row_with_more_cells_than_the_header_is_a_problem():
    result = parse_task_file(lines(MINIMAL_HEADER, "Payroll,3,2,1,200"))

    assert result.problems == [
        FileProblem(2, None, "has 5 cells but the header has 4 (an unquoted delimiter?).")
    ]


def test_empty_cells_after_the_last_column_are_spreadsheet_padding():
    result = parse_task_file(lines(MINIMAL_HEADER, "Payroll,3,2,1200,,"))

    assert result.is_valid


def test_a_row_with_fewer_cells_than_the_header_lacks_the_missing_values():
    result = parse_task_file(lines(MINIMAL_HEADER, "Payroll,3"))

    assert result.problems == [
        FileProblem(2, "skill_level", "is required."),
        FileProblem(2, "monthly_cost", "is required."),
    ]


def test_a_byte_order_mark_is_ignored():
    result = parse_task_file(b"\xef\xbb\xbf" + csv_file({}))

    assert result.tasks == [GOOD_TASK]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_delimiters_are_recognised(delimiter):
    result = parse_task_file(csv_file({"monthly_cost": "1,850.00"}, delimiter=delimiter))

    assert result.tasks == [GOOD_TASK]


def test_the_delimiter_is_taken_from_the_header_line_only():
    data = lines("name;complexity;skill_level;monthly_cost", "a, b, c, d, e, f, g;1;2;1,000")

    assert parse_task_file(data).tasks[0].monthly_cost == Decimal("1000")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("Café,1".encode("cp1252"), "The file must be saved as UTF-8 CSV."),
        (csv_file({}).decode().encode("utf-16"), "The file has NUL bytes, so it is not CSV text."),
        (csv_file({}) + b"\x00", "The file has NUL bytes, so it is not CSV text."),
    ],
)
def test_a_file_that_is_not_utf8_text_is_refused_with_how_to_save_it(data, message):
    problem = only_problem(parse_task_file(data))

    assert problem.row is None
    assert problem.message.startswith(message)
    assert '"CSV UTF-8 (Comma delimited)"' in problem.message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file has no tasks: it is empty."),
        (b"\r\n\n\r\n", "The file has no tasks: it is empty."),
        (b" \n,,\n\t\n", "The file has no tasks: it is empty."),
        (MINIMAL_HEADER.encode(), "The file has no tasks: add one task per row."),
        (lines(MINIMAL_HEADER, "", ",,,", ""), "The file has no tasks: add one task per row."),
    ],
)
def test_a_file_without_tasks_is_refused(data, message):
    assert only_problem(parse_task_file(data)) == FileProblem(None, None, message)


def test_a_file_over_the_size_limit_is_refused_before_it_is_decoded():
    problem = only_problem(parse_task_file(b"\xff" * (MAX_FILE_BYTES + 1)))

    assert str(problem) == (
        "File: The file is larger than the 2 MiB limit; split the tasks across files."
    )


def test_a_file_exactly_at_the_size_limit_is_read():
    data = csv_file({})

    assert parse_task_file(data, max_bytes=len(data)).is_valid
    assert not parse_task_file(data, max_bytes=len(data) - 1).is_valid


def test_a_file_with_more_tasks_than_the_default_limit_is_refused():
    assert parse_task_file(csv_file(*[{}] * MAX_TASKS)).is_valid
    problem = only_problem(parse_task_file(csv_file(*[{}] * (MAX_TASKS + 1))))

    assert str(problem) == "File: The file has more than 1000 tasks."


def test_a_lower_task_limit_ignores_blank_lines_and_stops_reading_early():
    good_row = "Payroll,3,2,1200"
    assert parse_task_file(lines(MINIMAL_HEADER, good_row, "", good_row), max_tasks=2).is_valid
    # The row after the limit cannot be read as CSV: reaching it would give another problem.
    unreadable = f'Payroll,3,2,1200,"{"x" * 200_000}"'
    data = lines(MINIMAL_HEADER, good_row, good_row, good_row, unreadable)

    problem = only_problem(parse_task_file(data, max_tasks=2))

    assert problem == FileProblem(None, None, "The file has more than 2 tasks.")


def test_a_cell_too_long_for_csv_is_a_problem_for_its_row():
    problem = only_problem(parse_task_file(csv_file({}, {"description": "d" * 200_000})))

    assert (problem.row, problem.column) == (3, None)
    assert problem.message.startswith("cannot be read as CSV")


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (FileProblem(3, "complexity", "is required."), "Row 3, column complexity: is required."),
        (FileProblem(5, None, "has 6 cells."), "Row 5: has 6 cells."),
        (FileProblem(None, None, "The file is empty."), "File: The file is empty."),
    ],
)
def test_a_problem_reads_as_plain_english(problem, text):
    assert str(problem) == text


def test_the_template_has_every_column_and_two_clean_example_tasks():
    template = template_csv()
    result = parse_task_file(template.encode())

    assert template.splitlines()[0] == ",".join(COLUMNS)
    assert set(REQUIRED_COLUMNS) < set(COLUMNS)
    assert result.is_valid
    assert result.warnings == []
    routine, knowledge = result.tasks
    assert (routine.complexity, routine.standardisation) == (2, 5)
    assert (knowledge.complexity, knowledge.skill_level) == (4, 4)


def test_the_parser_needs_neither_django_nor_a_database():
    code = "import sys, assessments.task_file; sys.exit('django' in sys.modules)"

    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# Costs with a currency: read when it is the assessment's, refused by name when not.


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        ("£3,200", "GBP", Decimal("3200")),
        ("$1,850.50", "USD", Decimal("1850.50")),
        ("USD 4,000", "USD", Decimal("4000")),
        ("4000 USD", "USD", Decimal("4000")),
        ("€1.200,50", "EUR", Decimal("1200.50")),
    ],
)
def test_a_cost_in_the_files_own_currency_is_read(value, currency, expected):
    result = parse_task_file(csv_file({"monthly_cost": value}), currency=currency)

    assert result.is_valid, result.problems
    assert result.tasks[0].monthly_cost == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("£3,200", "amounts are in US dollars (USD): remove the £ sign (got '£3,200')."),
        ("3200 EUR", "amounts are in US dollars (USD): remove the code EUR (got '3200 EUR')."),
        ("1.200", "is ambiguous: write 1200 or 1.2 (got '1.200')."),
        ("-$5", COST_RANGE.format("-$5")),
        ("lots", NOT_A_NUMBER.format("lots")),
    ],
)
def test_a_cost_in_another_currency_or_ambiguous_is_refused_by_name(value, message):
    result = parse_task_file(csv_file({"monthly_cost": value}), currency="USD")

    assert result.problems == [FileProblem(2, "monthly_cost", message)]


def test_hours_never_take_a_currency_even_when_costs_do():
    result = parse_task_file(csv_file({"hours_per_month": "$160"}), currency="USD")

    assert result.problems == [FileProblem(2, "hours_per_month", CURRENCY.format("$160"))]


# Excel workbooks (.xlsx): the first sheet, read with every rule a CSV file has.


def workbook(*rows, header=COLUMNS, sheet_before=False):
    """Bytes of an .xlsx workbook whose first sheet has `header` and these rows as given."""
    book = openpyxl.Workbook()
    sheet = book.active
    if sheet_before:  # the tasks are on the first sheet; another sheet comes after it
        book.create_sheet("Notes").append(["not", "tasks"])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def good_cells(**changes):
    return [{**GOOD, **changes}[column] for column in COLUMNS]


def test_a_workbook_is_read_like_the_same_csv_file():
    result = parse_task_file(workbook(good_cells(), sheet_before=True))

    assert result.is_valid, result.problems
    assert result.tasks == [GOOD_TASK]


def test_numbers_stored_as_numbers_in_a_workbook_are_read():
    cells = good_cells(complexity=2, skill_level=1.0, monthly_cost=1850, hours_per_month=120)
    cells[COLUMNS.index("strategic_importance")] = 1
    result = parse_task_file(workbook(cells, good_cells(monthly_cost=1234.5, name=2024)))

    assert result.is_valid, result.problems
    first, second = result.tasks
    assert first == GOOD_TASK
    assert (second.monthly_cost, second.name) == (Decimal("1234.5"), "2024")


@pytest.mark.parametrize(
    ("cost", "message"),
    [
        (0.001, DECIMALS.format("0.001")),
        (1e-05, DECIMALS.format("0.00001")),
        (-5, COST_RANGE.format("-5")),
        (10_000_000.5, COST_RANGE.format("10000000.5")),
        ("£3,200", "amounts are in US dollars (USD): remove the £ sign (got '£3,200')."),
    ],
)
def test_a_workbooks_bad_number_gets_the_csv_message(cost, message):
    result = parse_task_file(workbook(good_cells(monthly_cost=cost)), currency="USD")

    assert result.problems == [FileProblem(2, "monthly_cost", message)]


def test_a_workbooks_text_cost_is_read_with_its_currency():
    result = parse_task_file(workbook(good_cells(monthly_cost="£3,200")), currency="GBP")

    assert result.tasks[0].monthly_cost == Decimal("3200")


def test_dates_formulas_and_errors_in_a_workbook_are_refused_by_row_and_column():
    row = good_cells(monthly_cost="=B2*12", hours_per_month=datetime.date(2024, 3, 1))
    row[COLUMNS.index("complexity")] = "=1+1"
    result = parse_task_file(workbook(good_cells(), row))

    assert [(problem.row, problem.column) for problem in result.problems] == [
        (3, "complexity"),
        (3, "monthly_cost"),
        (3, "hours_per_month"),
    ]
    formula, _, date = (problem.message for problem in result.problems)
    assert formula.startswith("is a formula ('=1+1'); type its value instead")
    assert "Paste Special > Values" in formula
    assert date.startswith("is a date or time ('2024-03-01")
    assert "format the cell as Number or Text" in date


def test_a_workbooks_header_follows_the_csv_rules():
    header = ["Name", "Complexity", "Skill level", "monthly-cost", "Notes"]
    result = parse_task_file(workbook(["Payroll", 3, 2, 1200, "x"], header=header))

    assert result.is_valid, result.problems
    assert result.warnings == ["Ignored unknown columns: Notes."]
    missing = parse_task_file(workbook(["Payroll", 3], header=["name", "complexity"]))
    assert only_problem(missing) == FileProblem(
        None, None, "The header row lacks required columns: skill_level, monthly_cost."
    )


def test_a_workbooks_blank_rows_are_skipped_but_keep_the_sheets_row_numbers():
    result = parse_task_file(workbook([], good_cells(complexity="9")))

    assert result.problems == [FileProblem(3, "complexity", NOT_A_SCORE.format("9"))]


def test_a_workbook_with_more_tasks_than_allowed_is_refused():
    assert parse_task_file(workbook(*[good_cells()] * 3), max_tasks=3).is_valid
    problem = only_problem(parse_task_file(workbook(*[good_cells()] * 4), max_tasks=3))

    assert problem == FileProblem(None, None, "The file has more than 3 tasks.")


def test_a_workbook_over_the_size_limit_is_refused():
    data = workbook(good_cells())

    assert str(only_problem(parse_task_file(data, max_bytes=len(data) - 1))).startswith(
        "File: The file is larger than the"
    )


def test_a_workbook_is_told_by_its_content_not_its_name():
    # parse_task_file sees only bytes: a workbook named tasks.csv is still a workbook.
    assert parse_task_file(workbook(good_cells())).tasks == [GOOD_TASK]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (OLE2 + b"\x00" * 600, "The file is an old Excel (.xls) or other Office file."),
        (zip_of({"word/document.xml": "<w/>"}), "The file is a ZIP archive but not an Excel"),
        (b"PK\x03\x04" + b"\x00" * 100, "The file is a damaged ZIP archive, not a workbook."),
        (zip_of({"xl/workbook.xml": "<no"}), "The Excel workbook cannot be read"),
    ],
)
def test_a_binary_file_that_is_not_a_workbook_says_how_to_save_it(data, message):
    problem = only_problem(parse_task_file(data))

    assert problem.row is None
    assert problem.message.startswith(message)
    assert "CSV" in problem.message
    assert ".xlsx" in problem.message


def test_a_workbook_that_unpacks_too_large_is_refused_before_it_is_read():
    data = zip_of({"xl/workbook.xml": "x", "xl/sharedStrings.xml": " " * (41 * 1024 * 1024)})

    assert len(data) < MAX_FILE_BYTES
    assert only_problem(parse_task_file(data)).message.startswith(
        "The workbook unpacks to more than 40 MiB"
    )


def test_rows_far_down_a_sheet_are_not_read_and_a_warning_says_so():
    book = openpyxl.Workbook()
    book.active.append(list(MINIMAL_HEADER.split(",")))
    book.active.append(["Payroll", 3, 2, 1200])
    book.active.cell(row=25_000, column=1, value="Late task")
    output = io.BytesIO()
    book.save(output)

    result = parse_task_file(output.getvalue())

    assert [task.name for task in result.tasks] == ["Payroll"]
    assert result.warnings == ["Rows after row 20,000 of the sheet were not read."]


# Properties: no input makes the parser raise, and nothing out of bounds is ever returned.

CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "1",
            "3",
            "5",
            "0",
            "6",
            "1,200.50",
            "200000",
            "200000.01",
            "-1",
            "0.001",
            "'=x",
            "'\tx",
            "$5",
        ]
    ),
    st.text(max_size=12),
)
HEADERS = st.one_of(
    st.permutations(COLUMNS),
    st.lists(st.sampled_from([*COLUMNS, " NAME ", "standardization", "notes", ""]), max_size=12),
)


@st.composite
def csv_shaped_text(draw):
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    rows = [draw(HEADERS), *draw(st.lists(st.lists(CELLS, max_size=12), max_size=6))]
    if draw(st.booleans()):
        output = io.StringIO()
        csv.writer(output, delimiter=delimiter).writerows(rows)
        return output.getvalue()
    return "\n".join(delimiter.join(row) for row in rows)


def assert_sound(result):
    assert isinstance(result, ParsedTaskFile)
    assert all(str(problem) for problem in result.problems)
    assert all(isinstance(warning, str) for warning in result.warnings)
    if result.is_valid:
        assert result.tasks
    for task in result.tasks:
        assert_within_bounds(task)


def assert_within_bounds(task):
    assert task.row_number >= 2
    assert task.name == task.name.strip()
    assert 0 < len(task.name) <= 120
    assert {task.complexity, task.skill_level} <= {1, 2, 3, 4, 5}
    for score in (task.strategic_importance, task.data_sensitivity, task.standardisation):
        assert score in {None, 1, 2, 3, 4, 5}
    assert 0 <= task.monthly_cost <= 10_000_000
    assert task.monthly_cost.as_tuple().exponent >= -2
    if task.hours_per_month is not None:
        assert 0 < task.hours_per_month <= 200_000
        assert task.hours_per_month.as_tuple().exponent >= -2
    assert task.service_type is None or 0 < len(task.service_type) <= 120
    assert len(task.description) <= 1000


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_parsed_file(data):
    assert_sound(parse_task_file(data))


@settings(max_examples=300, deadline=None)
@given(csv_shaped_text(), st.booleans())
def test_any_csv_shaped_text_gives_a_parsed_file_within_bounds(text, with_bom):
    data = text.encode("utf-8", errors="replace")
    assert_sound(parse_task_file(b"\xef\xbb\xbf" + data if with_bom else data, max_tasks=4))


PLAIN_TEXT = st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=120).filter(
    lambda text: text.strip() == text and text[:1] != "'"
)


@settings(max_examples=300, deadline=None)
@given(
    name=PLAIN_TEXT.filter(bool),
    scores=st.lists(st.integers(1, 5), min_size=5, max_size=5),
    cost=st.decimals(0, 10_000_000, places=2),
    thousands=st.booleans(),
    description=PLAIN_TEXT,
)
def test_any_task_within_bounds_is_read_back_unchanged(name, scores, cost, thousands, description):
    values = dict(zip(COLUMNS[1:3] + COLUMNS[5:8], map(str, scores), strict=True))
    written_cost = f"{cost:,.2f}" if thousands else str(cost)
    changes = {**values, "name": name, "monthly_cost": written_cost, "description": description}

    result = parse_task_file(csv_file(changes))

    assert result.is_valid, result.problems
    task = result.tasks[0]
    assert (task.name, task.monthly_cost, task.description) == (name, cost, description)
    assert [task.complexity, task.skill_level, task.strategic_importance] == scores[:3]
    assert [task.data_sensitivity, task.standardisation] == scores[3:]
