"""The tasks step: rows typed into a formset, existing rows edited or removed, and the
formset's management data tampered with.

Valid rows must be saved exactly as typed (a catalog service filling in blank ratings), a
formset with any invalid row must change nothing, and no other draft's tasks ever change.
Formsets stay small (at most 2 saved and 2 new rows): the page is re-rendered on every
refusal, and 1,000 examples should take about a minute.
"""

from decimal import Decimal

from hypothesis import event, given
from hypothesis import strategies as st

from catalog.models import ServiceType
from outsourcing_advisor.plain_text import plain_text as without_hidden
from tests.assessments.questionnaire_helpers import TASK_FIELDS, current_value, form_key, prefixed
from tests.factories import AssessmentFactory, TaskFactory
from tests.fuzz.checks import SCALES, FuzzTestCase, assert_within_bounds, task_values
from tests.fuzz.strategies import (
    ANY_TEXT,
    BAD_SCORE,
    FUZZ,
    HOSTILE,
    HUGE,
    INVALID,
    UNKNOWN,
    VALID,
    money_text,
    padded,
    plain_text,
    tagged,
    worst,
)

REQUIRED_SCALES = SCALES[:2]
TYPICAL = {  # rating left blank -> the catalog service's typical value
    "complexity": "typical_complexity",
    "skill_level": "typical_skill_level",
    "standardisation": "typical_standardisation",
}
OPTIONAL_SCORE = st.sampled_from(["1", "2", "3", "4", "5", ""])
# Asked of every row: 1-5 or "Not sure" (kept as 3), never blank.
UNSURE_SCALES = ("strategic_importance", "data_sensitivity")
UNSURE_SCORE = st.sampled_from(["1", "2", "3", "4", "5", "unsure"])
MANAGEMENT = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
# 1051 and more are beyond the formset's absolute maximum: a refusal, re-rendering 1,050 rows
# (about a second, so such counts are rare here: not HOSTILE's long numbers).
TAMPERED_COUNTS = ["", "-1", "0", "1", "2", "7", "abc", "\u0663", "1e3", " 2", "\x00", "1051"]


def cell_strategies(service_keys, unpublished_keys):
    return {
        "name": tagged(
            padded(plain_text(1, 120)),
            # Hidden characters are dropped (tested on their own): what is left must fit.
            st.sampled_from(["\x00", "\x00\u202e", "x" * 121, " " + "y" * 121, HUGE]),
        ),
        "service_type": tagged(
            st.just("") | st.sampled_from(service_keys).map(str),
            st.sampled_from(["0", "-1", "abc", "1.0", "99999999999999999999"])
            | st.sampled_from(unpublished_keys).map(str),
        ),
        # A blank rating is valid when a catalog service fills it in (see task_rows).
        **{name: tagged(OPTIONAL_SCORE, BAD_SCORE) for name in SCALES},
        **{name: tagged(UNSURE_SCORE, BAD_SCORE | st.just("")) for name in UNSURE_SCALES},
        "monthly_cost": tagged(
            money_text(0, 10_000_000),
            st.sampled_from(
                [
                    *("", "-1", "-0.01", "10000000.01", "1.234", "NaN", "Infinity", "1e400"),
                    *("£5", "1.2.3", "\x00", "12 GBP"),  # a USD draft: another currency
                ]
            ),
        ),
        "hours_per_month": tagged(
            st.just("") | money_text(Decimal("0.01"), 200_000),
            st.sampled_from(["0", "0.00", "-5", "200000.01", "200001", "0.001", "NaN", "x"]),
        ),
        "description": tagged(
            padded(plain_text(0, 200)) | st.just("y" * 1000),
            st.sampled_from(["x" * 1001, "\u202e" + "z" * 1001]),
        ),
    }


@st.composite
def task_rows(draw, cells):
    """{field: (tag, text)}; a blank rating with no catalog service to fill it is invalid."""
    row = {name: draw(strategy) for name, strategy in cells.items()}
    service_tag, service = row["service_type"]
    for name in REQUIRED_SCALES:
        tag, value = row[name]
        if tag == VALID and value == "" and not service:
            row[name] = (UNKNOWN if service_tag == UNKNOWN else INVALID, value)
    return row


@st.composite
def existing_rows(draw, own_task, other_task, cells):
    """A saved task's row as posted: kept, edited, removed, or its key tampered with."""
    row = {name: (VALID, current_value(own_task, name)) for name in TASK_FIELDS}
    if draw(st.booleans()):
        row = draw(task_rows(cells))
    key = draw(
        st.sampled_from([VALID] * 8 + [INVALID, UNKNOWN]).flatmap(
            lambda tag: {
                VALID: st.just(str(own_task.pk)),
                INVALID: st.just(str(other_task.pk)),
                UNKNOWN: HOSTILE,
            }[tag].map(lambda value: (tag, value))
        )
    )
    # A ticked box sends its value, "on" unless the page says otherwise: any value deletes.
    delete = draw(st.sampled_from([None, None, None, "", "on", "off", "\x00"]))
    return {**row, "id": key, "DELETE": (VALID, delete)}


def is_deleted(row):
    return bool(row.get("DELETE", (VALID, None))[1])


def row_tag(row):
    """A removed row counts for nothing but its key; a new row left blank is skipped."""
    if is_deleted(row):
        return VALID if row["id"][0] == VALID else UNKNOWN
    if "id" not in row and all(blankish(value) for _, value in row.values()):
        return UNKNOWN
    return worst(tag for tag, _ in row.values())


def blankish(text):
    # Amounts drop thousands separators and spaces before they are read.
    return not text.replace(",", "").replace("\u00a0", "").strip()


class TasksStepFuzz(FuzzTestCase):
    def setUp(self):
        published = ServiceType.objects.filter(is_published=True)
        self.service_types = {service_type.pk: service_type for service_type in published}
        self.unpublished = list(
            ServiceType.objects.filter(is_published=False).values_list("pk", flat=True)
        ) or [0]
        self.cells = cell_strategies(sorted(self.service_types), self.unpublished)

    @FUZZ
    @given(data=st.data(), saved=st.integers(0, 2), new=st.integers(0, 2))
    def test_tasks_step_saves_valid_rows_exactly_and_refuses_a_bad_row_whole(
        self, data, saved, new
    ):
        draft, other = AssessmentFactory(), TaskFactory()
        own = [TaskFactory(assessment=draft, position=index + 1) for index in range(saved)]
        rows = [data.draw(existing_rows(task, other, self.cells)) for task in own]
        rows += [data.draw(task_rows(self.cells)) for _ in range(new)]
        post, tag = formset_post(rows, len(own))
        management = data.draw(st.sampled_from([None] * 24 + list(MANAGEMENT)))
        if management:
            post[f"tasks-{management}"] = data.draw(st.sampled_from(TAMPERED_COUNTS) | ANY_TEXT)
            tag = UNKNOWN  # the formset may now read more rows, or fewer, than were sent
        post["action"] = data.draw(st.sampled_from(["save", "add", "review"]) | HOSTILE)
        others_before = task_values(other.assessment)
        before = task_values(draft)

        post |= form_key()  # what the page gives every form (assessments.once)
        response = self.client.post(f"/assessments/resume/{draft.resume_token}/tasks/", post)

        event(f"{tag} formset: {response.status_code}")
        assert response.status_code in (200, 302)
        assert task_values(other.assessment) == others_before
        if response.status_code == 200:
            assert tag != VALID
            assert task_values(draft) == before
        else:
            assert tag != INVALID
            assert_within_bounds(draft.tasks.all())
            if tag == VALID:
                assert task_values(draft) == self.expected_values(rows)

    def expected_values(self, rows):
        """The draft's tasks after saving these valid rows: kept, edited, then added."""
        return [self.saved_values(row) for row in rows if not is_deleted(row)]

    def saved_values(self, row):
        text = {name: value for name, (_, value) in row.items()}
        service_type = self.service_types.get(int(text["service_type"] or 0))
        scales = {}
        for name in SCALES:
            if text[name] and text[name] != "unsure":
                scales[name] = int(text[name])
            elif name in TYPICAL and service_type:
                scales[name] = getattr(service_type, TYPICAL[name])
            else:
                scales[name] = 3
        hours = text["hours_per_month"]
        return (
            without_hidden(text["name"]).strip(),
            service_type.pk if service_type else None,
            *scales.values(),
            amount(text["monthly_cost"]),
            amount(hours) if hours else None,
            without_hidden(text["description"]).strip(),
        )


def formset_post(rows, initial):
    """The POST data of these rows, and the tag of the whole formset."""
    post = {
        "tasks-TOTAL_FORMS": str(len(rows)),
        "tasks-INITIAL_FORMS": str(initial),
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        post.update(prefixed(index, {name: value for name, (_, value) in row.items()}))
    return post, worst(map(row_tag, rows))


def amount(text):
    return Decimal(text.replace(",", ""))
