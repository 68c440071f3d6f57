"""Task files for the fuzz tests: tagged rows written as CSV, and hostile bytes.

A row's cells are tagged as in `tests.fuzz.strategies`; the expected `TaskRow` of a valid
row is spelled out here from the README's column rules, not read from the parser.
"""

import csv
import io
from decimal import Decimal

from hypothesis import strategies as st

from assessments.task_file import COLUMNS, REQUIRED_COLUMNS
from tests.fuzz.strategies import (
    HOSTILE,
    HOSTILE_TEXT,
    HUGE,
    SCORE,
    UNKNOWN,
    VALID,
    money_text,
    plain_text,
    tagged,
    worst,
)

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
OPTIONAL_SCORES = ("strategic_importance", "data_sensitivity", "standardisation")
# Scores the parser must refuse. Spaces around a number are trimmed, so " 3" is no such case;
# a NUL byte refuses the whole file, not a row (see hostile_bytes).
BAD_SCORE = st.sampled_from(["0", "6", "-1", "1.0", "3.5", "+3", "\u0663", "three", "x" * 5000])


def cell_text(min_size, max_size):
    """Text the parser keeps as written: trimmed, not starting with our formula escape."""
    return plain_text(min_size, max_size).filter(lambda text: text[:1] != "'")


# column -> (values it must accept, values it must refuse)
CELL_RULES = {
    "name": (
        cell_text(1, 120) | st.sampled_from(["=1+1", "@SUM(A1)", "'=1+1", "-", "+44 20"]),
        st.sampled_from(["", "  ", "x" * 121, HUGE]),
    ),
    "complexity": (SCORE, BAD_SCORE | st.just("")),
    "skill_level": (SCORE, BAD_SCORE | st.just("")),
    "monthly_cost": (
        money_text(0, 10_000_000),
        st.sampled_from(["", "-1", "10000000.01", "1.234", "NaN", "1e3", "£5", "12 GBP"])
        | st.sampled_from(["1.000", "1" + "0" * 400, "\u0663", "1_000", "1,2345"]),
    ),
    "hours_per_month": (
        st.just("") | money_text(Decimal("0.01"), 200_000),
        st.sampled_from(["0", "-5", "200000.01", "200,001", "0.001", "Infinity", "x"]),
    ),
    **{name: (st.just("") | SCORE, BAD_SCORE) for name in OPTIONAL_SCORES},
    "service_type": (st.just("") | cell_text(1, 120), st.just("s" * 121)),
    "description": (cell_text(0, 200), st.just("d" * 1001)),
}
# A NUL byte anywhere refuses the whole file (see hostile_bytes), so no cell holds one.
CELLS = {
    name: tagged(valid, invalid, HOSTILE.map(lambda text: text.replace("\x00", "")))
    for name, (valid, invalid) in CELL_RULES.items()
}
VALID_CELLS = {
    name: valid.map(lambda text: (VALID, text)) for name, (valid, _) in CELL_RULES.items()
}


@st.composite
def task_tables(draw, cells=CELLS, max_rows=6):
    """(header, rows): the required columns and some optional ones, in any order, and rows
    of {column: (tag, text)} in the header's order."""
    optional = [name for name in COLUMNS if name not in REQUIRED_COLUMNS]
    chosen = draw(st.lists(st.sampled_from(optional), unique=True))
    header = draw(st.permutations([*REQUIRED_COLUMNS, *chosen]))
    row = st.fixed_dictionaries({name: cells[name] for name in header})
    return list(header), draw(st.lists(row, min_size=1, max_size=max_rows))


def write_csv(header, rows, delimiter=","):
    output = io.StringIO()
    writer = csv.writer(output, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows([[row[name][1] for name in header] for row in rows])
    return output.getvalue()


def row_tag(row):
    """A row with nothing but blanks is skipped, as a spreadsheet's empty line: no verdict."""
    if not any(value.strip() for _, value in row.values()):
        return UNKNOWN
    return worst(tag for tag, _ in row.values())


def expected_task(row):
    """What a valid row reads as: (name, complexity, skill, cost, hours, 3 scores, type, notes)."""
    text = {name: value.strip() for name, (_, value) in row.items()}
    name = text["name"]
    if name[:1] == "'" and name[1:2] in FORMULA_PREFIXES:
        name = name[1:].lstrip()
    hours = text.get("hours_per_month", "")
    return (
        name,
        int(text["complexity"]),
        int(text["skill_level"]),
        Decimal(text["monthly_cost"].replace(",", "")),
        Decimal(hours.replace(",", "")) if hours else None,
        *(int(text[column]) if text.get(column) else None for column in OPTIONAL_SCORES),
        text.get("service_type") or None,
        text.get("description", ""),
    )


def parsed_values(task):
    return (
        task.name,
        task.complexity,
        task.skill_level,
        task.monthly_cost,
        task.hours_per_month,
        task.strategic_importance,
        task.data_sensitivity,
        task.standardisation,
        task.service_type,
        task.description,
    )


def hostile_bytes():
    """Bytes that are not a clean UTF-8 CSV, or only just are."""
    texts = st.text(max_size=300)  # lone surrogates included: they cannot be UTF-8
    return st.one_of(
        st.binary(max_size=600),
        texts.map(lambda text: text.encode("utf-8", "surrogatepass")),
        texts.map(lambda text: text.encode("utf-16")),
        texts.map(lambda text: text.encode("latin-1", "replace")),
        st.lists(st.sampled_from(HOSTILE_TEXT) | HOSTILE, max_size=12).map(
            lambda cells: ("name,complexity,skill_level,monthly_cost\n" + ",".join(cells)).encode()
        ),
        st.sampled_from([b"", b"\xef\xbb\xbf", b"\n\n\n", b"name\n", b'"unterminated\n']),
    )
