"""The assess_tasks command: a CSV file of tasks in, one answer per task out, or a clear refusal."""

import csv
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Assessment
from assessments.profiles import ScoringProfile
from assessments.task_file import MAX_FILE_BYTES
from catalog.models import RateCard
from tests.assessments.workbooks import workbook_bytes

pytestmark = pytest.mark.django_db

PROJECT_DIR = Path(__file__).resolve().parents[2]
EXPORT_HEADER = (
    "name,recommendation,bpo_score,kpo_score,in_house_score,confidence,delivery_location,"
    "in_house_monthly_cost,outsourced_monthly_cost,monthly_saving,service_type,"
    "three_year_saving,break_even_month,currency"
)
HEADER = (
    "name,complexity,skill_level,monthly_cost,hours_per_month,"
    "strategic_importance,data_sensitivity,standardisation,service_type,description"
)
# Reasoned from the default weights: routine, written-down, public work that costs far more
# in-house is BPO; expert, unwritten, public work that costs far more in-house is KPO; core,
# confidential work stays in-house.
CLEAR_CUT = [
    ("Invoice keying,1,1,10000,100,1,1,5,data-entry,Supplier invoices", "bpo"),
    ("Competitor analysis,5,5,20000,40,1,1,1,market-research,", "kpo"),
    ("Board strategy,3,3,4000,80,5,5,1,,Plans only the board sees", "in_house"),
]
GOOD_FILE = "\n".join([HEADER, *(row for row, _ in CLEAR_CUT)]) + "\n"
MINIMAL_HEADER = "name,complexity,skill_level,monthly_cost"


def task_file(tmp_path, content, name="tasks.csv"):
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    return str(path)


def assess(path, *options):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("assess_tasks", path, *options, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def csv_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


# --- Good files --------------------------------------------------------------------------


def test_good_file_prints_one_csv_row_per_task_under_the_documented_header(tmp_path):
    stdout, _stderr = assess(task_file(tmp_path, GOOD_FILE))

    assert stdout.splitlines()[0] == EXPORT_HEADER
    rows = csv_rows(stdout)
    assert [row["name"] for row in rows] == [
        "Invoice keying",
        "Competitor analysis",
        "Board strategy",
    ]
    for row in rows:
        assert row["recommendation"] in {"bpo", "kpo", "in_house"}
        assert 0 <= Decimal(row["bpo_score"]) <= 100
        assert 0 <= int(row["confidence"]) <= 100
    assert [row["service_type"] for row in rows] == ["data-entry", "market-research", ""]
    assert [row["in_house_monthly_cost"] for row in rows] == ["10000.00", "20000.00", "4000.00"]


@pytest.mark.parametrize(("row", "expected"), CLEAR_CUT, ids=[answer for _, answer in CLEAR_CUT])
def test_clear_cut_tasks_get_the_expected_answer(tmp_path, row, expected):
    stdout, _stderr = assess(task_file(tmp_path, f"{HEADER}\n{row}\n"))
    (result,) = csv_rows(stdout)
    assert result["recommendation"] == expected
    score = Decimal(result[f"{expected}_score"])
    others = [Decimal(result[f"{answer}_score"]) for answer in ("bpo", "kpo", "in_house")]
    assert score == max(others)


def test_routine_task_goes_offshore_at_the_cheapest_rate_by_default(tmp_path):
    stdout, _stderr = assess(task_file(tmp_path, f"{HEADER}\n{CLEAR_CUT[0][0]}\n"))
    (row,) = csv_rows(stdout)
    offshore = RateCard.objects.get(currency="USD", sourcing_model="bpo", location__kind="offshore")
    overhead = ScoringProfile.objects.current().governance_overhead
    expected = (Decimal(100) * offshore.hourly_typical * (1 + overhead)).quantize(Decimal("0.01"))
    assert row["delivery_location"] == "offshore"
    assert row["outsourced_monthly_cost"] == str(expected)
    assert row["monthly_saving"] == str(Decimal("10000.00") - expected)


def test_three_year_saving_and_break_even_month_come_from_the_stored_costs(tmp_path):
    stdout, _stderr = assess(task_file(tmp_path, GOOD_FILE), "--save", "--company", "Acme Ltd")

    rows = csv_rows(stdout)
    tasks = Assessment.objects.get(company_name="Acme Ltd").tasks.all()
    for row, task in zip(rows, tasks, strict=True):
        costs = task.result["costs"]
        saving = Decimal(costs["in_house"]["year3"]) - Decimal(costs[task.recommendation]["year3"])
        assert Decimal(row["three_year_saving"]) == saving
        month = costs[task.recommendation]["break_even_month"]
        horizon = task.result.get("horizon_months", 36)
        pays_back = task.recommendation != "in_house" and month is not None and month <= horizon
        assert row["break_even_month"] == (str(month) if pays_back else "")
    assert [row["recommendation"] for row in rows] == ["bpo", "kpo", "in_house"]
    assert [row["break_even_month"] != "" for row in rows] == [True, True, False]
    assert rows[2]["three_year_saving"] == "0.00"


def test_json_format_gives_the_same_rows_as_csv(tmp_path):
    path = task_file(tmp_path, GOOD_FILE)
    csv_out, _ = assess(path)
    json_out, _ = assess(path, "--format", "json")

    assert json.loads(json_out) == csv_rows(csv_out)
    assert list(json.loads(json_out)[0]) == EXPORT_HEADER.split(",")


def test_location_option_keeps_every_outsourced_task_onshore(tmp_path):
    path = task_file(tmp_path, GOOD_FILE)
    unrestricted = csv_rows(assess(path)[0])
    rows = csv_rows(assess(path, "--location", "onshore")[0])

    outsourced = [row for row in rows if row["recommendation"] in {"bpo", "kpo"}]
    assert outsourced  # the routine and the expert task still pay to outsource onshore
    assert {row["delivery_location"] for row in outsourced} == {"onshore"}
    assert {row["delivery_location"] for row in unrestricted} - {""} != {"onshore"}


@pytest.mark.parametrize("name", ["=SUM(A1:A9)", "+44 callbacks", "@mention triage", "-1 backlog"])
def test_a_name_that_a_spreadsheet_would_run_is_escaped_in_csv(tmp_path, name):
    stdout, _stderr = assess(task_file(tmp_path, f'{MINIMAL_HEADER}\n"{name}",1,1,2000\n'))
    data_line = stdout.splitlines()[1]
    assert data_line.startswith(f"'{name},")
    assert csv_rows(stdout)[0]["name"] == f"'{name}"


def test_save_stores_one_submitted_assessment_with_a_working_results_page(tmp_path, client):
    before = Assessment.objects.count()

    stdout, stderr = assess(task_file(tmp_path, GOOD_FILE), "--save", "--company", "Acme Ltd")

    assert Assessment.objects.count() == before + 1
    assessment = Assessment.objects.get(company_name="Acme Ltd")
    assert assessment.status == Assessment.Status.SUBMITTED
    assert assessment.source == Assessment.Source.COMMAND
    assert assessment.scoring_profile is not None
    assert [task.name for task in assessment.tasks.all()] == [
        "Invoice keying",
        "Competitor analysis",
        "Board strategy",
    ]
    private = f"/assessments/resume/{assessment.resume_token}/results/"
    shared = f"/assessments/{assessment.share_token}/results/"
    assert f"Your private results page: {private}" in stderr
    assert f"Read-only link to share: {shared}" in stderr
    assert private not in stdout
    assert client.get(private).status_code == 200
    url = shared
    assert [row["name"] for row in csv_rows(stdout)] == [
        task.name for task in assessment.tasks.all()
    ]
    response = client.get(url)
    assert response.status_code == 200
    assert "Acme Ltd" in response.content.decode()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--save"], "--save needs --company"),
        (["--save", "--company", "   "], "--save needs --company"),
        (["--company", "Acme Ltd"], "--company is only used with --save"),
        (["--save", "--company", "x" * 121], "at most 120 characters"),
    ],
    ids=["save-alone", "blank-company", "company-alone", "company-too-long"],
)
def test_save_and_company_must_come_together(tmp_path, options, message):
    before = Assessment.objects.count()
    with pytest.raises(CommandError, match=message):
        assess(task_file(tmp_path, GOOD_FILE), *options)
    assert Assessment.objects.count() == before


# --- Bad files ---------------------------------------------------------------------------

BAD_FILES = {
    "empty": (b"", ["File: The file has no tasks: it is empty."]),
    "header-only": (f"{HEADER}\n".encode(), ["File: The file has no tasks: add one task per row."]),
    "missing-columns": (
        b"name,complexity\nInvoice keying,2\n",
        ["File: The header row lacks required columns: skill_level, monthly_cost."],
    ),
    "out-of-range": (
        f"{MINIMAL_HEADER}\nInvoice keying,6,1,2000\n".encode(),
        ["Row 2, column complexity: must be a whole number from 1 to 5 (got '6')."],
    ),
    "not-a-number": (
        f"{MINIMAL_HEADER}\nInvoice keying,2,1,lots\n".encode(),
        ["Row 2, column monthly_cost: must be a number"],
    ),
    "not-utf-8": (
        f"{MINIMAL_HEADER}\nCaf\xe9 rota,2,1,2000\n".encode("latin-1"),
        ["File: The file must be saved as UTF-8 CSV."],
    ),
    "unknown-service-type": (
        f"{MINIMAL_HEADER},service_type\nStar charts,2,1,2000,astrology\n".encode(),
        ["Row 2, column service_type: no published catalog service type 'astrology'"],
    ),
    "several-problems": (
        (
            f"{MINIMAL_HEADER},strategic_importance\n"
            "Fine task,2,1,2000,3\n"
            ",0,1,2000,3\n"
            "Third task,2,1,-5,9\n"
        ).encode(),
        [
            "Row 3, column name: is required.",
            "Row 3, column complexity: must be a whole number from 1 to 5 (got '0').",
            "Row 4, column monthly_cost: must be from 0 to 10,000,000 (got '-5').",
            "Row 4, column strategic_importance: must be a whole number from 1 to 5 (got '9').",
        ],
    ),
    "unknown-service-types-beside-other-problems": (
        (
            f"{MINIMAL_HEADER},service_type\n"
            "Star charts,7,1,2000,astrology\n"
            "Keying,1,1,2000,data-entry\n"
            "Palm reading,2,1,lots,Palmistry\n"
        ).encode(),
        [
            "Row 2, column complexity: must be a whole number from 1 to 5 (got '7').",
            "Row 2, column service_type: no published catalog service type 'astrology'.",
            "Row 4, column monthly_cost: must be a number",
            "Row 4, column service_type: no published catalog service type 'Palmistry'.",
        ],
    ),
    "several-unknown-service-types": (
        (
            f"{MINIMAL_HEADER},service_type\n"
            "Star charts,2,1,2000,astrology\n"
            "Keying,1,1,2000,data-entry\n"
            "Palm reading,2,1,2000,Palmistry\n"
        ).encode(),
        [
            "Row 2, column service_type: no published catalog service type 'astrology'",
            "Row 4, column service_type: no published catalog service type 'Palmistry'",
        ],
    ),
}


@pytest.mark.parametrize(("content", "problems"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_with_every_problem_listed_and_nothing_saved(
    tmp_path, content, problems
):
    before = Assessment.objects.count()
    stdout, stderr = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="Nothing was saved") as refused:
        call_command(
            "assess_tasks",
            task_file(tmp_path, content),
            "--save",
            "--company",
            "Acme Ltd",
            stdout=stdout,
            stderr=stderr,
        )

    listed = stderr.getvalue()
    for problem in problems:
        assert problem in listed
    # row by row, in the order of the file
    assert [listed.index(problem) for problem in problems] == sorted(
        listed.index(problem) for problem in problems
    )
    assert f"{len(problems)} problem(s) listed above" in str(refused.value)
    assert stdout.getvalue() == ""
    assert Assessment.objects.count() == before


def test_a_file_bigger_than_the_limit_is_refused_before_reading(tmp_path):
    row = "Invoice keying,1,1,2000\n"
    content = MINIMAL_HEADER + "\n" + row * (MAX_FILE_BYTES // len(row) + 1)
    assert len(content) > MAX_FILE_BYTES
    before = Assessment.objects.count()

    with pytest.raises(CommandError, match=r"larger than 2 MiB.*Nothing was saved"):
        assess(task_file(tmp_path, content), "--save", "--company", "Acme Ltd")

    assert Assessment.objects.count() == before


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read the file"):
        assess(str(tmp_path / "nowhere.csv"))


def test_a_missing_file_exits_with_status_1_and_no_traceback(tmp_path):
    # A real process: only there does Django turn CommandError into a message and exit status.
    # It uses its own throwaway SQLite file whatever database the suite runs on.
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'command.sqlite3'}",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "test-only-key",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "migrate", "--noinput", "-v0"], cwd=PROJECT_DIR, env=env, check=True, timeout=120
    )

    completed = subprocess.run(
        [*manage, "assess_tasks", str(tmp_path / "nowhere.csv")],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    assert "nowhere.csv: cannot read the file" in completed.stderr
    assert completed.stdout == ""


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused_without_being_read(path):
    # /dev/zero reports no size and never ends: reading it filled gigabytes in seconds.
    with pytest.raises(CommandError, match="not a regular file"):
        assess(path)


def test_a_pipe_is_refused_without_being_read(tmp_path):
    fifo = tmp_path / "tasks.csv"
    os.mkfifo(fifo)

    with pytest.raises(CommandError, match="not a regular file"):
        assess(str(fifo))


def test_a_huge_file_is_refused_after_reading_no_more_than_the_limit(tmp_path):
    # A sparse file of 4 GiB: reading it whole would take gigabytes of memory; the command
    # reads one byte past the limit and stops.
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.truncate(4 * 1024**3)

    with pytest.raises(CommandError, match=r"larger than 2 MiB.*Nothing was saved"):
        assess(str(path))


# --- Excel workbooks and forgiving numbers ----------------------------------------------


def test_an_xlsx_file_gives_the_same_answers_as_the_same_csv_file(tmp_path):
    rows = [HEADER.split(","), *(row.split(",") for row, _ in CLEAR_CUT)]
    for row in rows[1:]:  # numbers stored as numbers, as Excel stores typed ones
        row[1:8] = [int(cell) for cell in row[1:8]]
    from_xlsx, _ = assess(task_file(tmp_path, workbook_bytes(*rows), name="tasks.xlsx"))
    from_csv, _ = assess(task_file(tmp_path, GOOD_FILE))

    assert from_xlsx == from_csv
    assert [row["recommendation"] for row in csv_rows(from_xlsx)] == ["bpo", "kpo", "in_house"]


def test_a_workbook_is_read_whatever_its_file_is_called(tmp_path):
    data = workbook_bytes(MINIMAL_HEADER.split(","), ["Invoice keying", 1, 1, 2000])

    stdout, _ = assess(task_file(tmp_path, data, name="tasks.csv"))

    assert [row["name"] for row in csv_rows(stdout)] == ["Invoice keying"]


def test_a_workbooks_formula_is_refused_by_row_and_column(tmp_path):
    data = workbook_bytes(MINIMAL_HEADER.split(","), ["Invoice keying", 1, 1, "=100*12"])
    stderr = io.StringIO()

    with pytest.raises(CommandError, match="1 problem"):
        call_command("assess_tasks", task_file(tmp_path, data), stderr=stderr)

    assert "Row 2, column monthly_cost: is a formula ('=100*12')" in stderr.getvalue()


def test_an_old_xls_file_is_refused_with_how_to_save_it(tmp_path):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000
    stderr = io.StringIO()

    with pytest.raises(CommandError, match="1 problem"):
        call_command("assess_tasks", task_file(tmp_path, data, name="tasks.xls"), stderr=stderr)

    assert "File: The file is an old Excel (.xls)" in stderr.getvalue()
    assert "Excel Workbook (.xlsx)" in stderr.getvalue()


def test_costs_in_the_chosen_currency_may_carry_its_sign(tmp_path):
    content = f'{MINIMAL_HEADER}\nInvoice keying,1,1,"£3,200"\nPayroll,2,2,"1.200,50"\n'

    stdout, _ = assess(task_file(tmp_path, content), "--country", "GB")

    costs = [row["in_house_monthly_cost"] for row in csv_rows(stdout)]
    assert costs == ["3200.00", "1200.50"]


def test_costs_in_another_currency_are_refused_by_name(tmp_path):
    content = f'{MINIMAL_HEADER}\nInvoice keying,1,1,"£3,200"\n'
    stderr = io.StringIO()

    with pytest.raises(CommandError, match="1 problem"):
        call_command("assess_tasks", task_file(tmp_path, content), "--country", "US", stderr=stderr)

    assert (
        "Row 2, column monthly_cost: amounts are in US dollars (USD): remove the £ sign"
        in stderr.getvalue()
    )
