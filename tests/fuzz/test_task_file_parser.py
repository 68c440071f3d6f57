"""`task_file.parse_task_file` alone: pure and fast, so it gets the hardest input.

It must never raise, must name the row of every bad row, and must read every good row back
exactly as written. No database: these tests run in milliseconds.
"""

from hypothesis import event, given
from hypothesis import strategies as st

from assessments.task_file import MAX_PROBLEMS, ParsedTaskFile, parse_task_file
from tests.fuzz.csv_files import (
    CELLS,
    VALID_CELLS,
    expected_task,
    hostile_bytes,
    parsed_values,
    row_tag,
    task_tables,
    write_csv,
)
from tests.fuzz.strategies import FUZZ, INVALID, VALID, worst

LAYOUTS = st.tuples(st.sampled_from([",", ";", "\t"]), st.sampled_from(["", "\ufeff"]))


def parse_table(header, rows, layout):
    delimiter, bom = layout
    return parse_task_file((bom + write_csv(header, rows, delimiter)).encode())


@FUZZ
@given(hostile_bytes())
def test_any_bytes_give_an_answer_within_bounds(data):
    result = parse_task_file(data)

    assert isinstance(result, ParsedTaskFile)
    assert result.is_valid == (not result.problems)
    assert all(str(problem) for problem in result.problems)
    assert len(result.problems) <= MAX_PROBLEMS + 1
    for task in result.tasks:
        assert 0 < len(task.name) <= 120
        assert {task.complexity, task.skill_level} <= {1, 2, 3, 4, 5}
        assert 0 <= task.monthly_cost <= 10_000_000
        assert task.hours_per_month is None or 0 < task.hours_per_month <= 200_000


@FUZZ
@given(task_tables(CELLS), LAYOUTS)
def test_every_bad_row_is_named_and_every_good_row_is_read_as_written(table, layout):
    header, rows = table

    result = parse_table(header, rows, layout)

    tag = worst(map(row_tag, rows))
    event(f"{tag} file, {'valid' if result.is_valid else 'refused'}")
    if tag in (VALID, INVALID):
        assert result.is_valid == (tag == VALID), result.problems
    problem_rows = {problem.row for problem in result.problems}
    tasks = {task.row_number: task for task in result.tasks}
    for row_number, row in enumerate(rows, start=2):
        if row_tag(row) == INVALID:
            assert row_number in problem_rows, (row_number, result.problems)
            assert row_number not in tasks
        elif row_tag(row) == VALID:
            assert row_number not in problem_rows, (row_number, result.problems)
            assert parsed_values(tasks[row_number]) == expected_task(row)


@FUZZ
@given(task_tables(VALID_CELLS, max_rows=20), LAYOUTS)
def test_a_file_of_good_rows_is_read_back_whole(table, layout):
    header, rows = table

    result = parse_table(header, rows, layout)

    assert result.is_valid, result.problems
    assert [parsed_values(task) for task in result.tasks] == [expected_task(row) for row in rows]
    assert [task.row_number for task in result.tasks] == list(range(2, len(rows) + 2))
