"""The upload step: CSV tables with good and bad rows, hostile bytes, a tampered form.

A clean file is imported whole (added to, or replacing, the draft's tasks); a file with any
problem, an unknown catalog service or a bad form changes nothing, and the page says why.
"""

from hypothesis import event, given
from hypothesis import strategies as st

from assessments.task_file import parse_task_file
from catalog.models import ServiceType
from tests.assessments.questionnaire_helpers import form_key
from tests.factories import AssessmentFactory, TaskFactory
from tests.fuzz.checks import FuzzTestCase, assert_within_bounds, task_values
from tests.fuzz.csv_files import (
    CELLS,
    expected_task,
    hostile_bytes,
    row_tag,
    task_tables,
    write_csv,
)
from tests.fuzz.strategies import FUZZ, INVALID, UNKNOWN, VALID, tagged, worst

MODES = ("add", "replace")


def catalog_cells(names):
    """Service type cells naming published services (any case), or none that exists."""
    known = st.sampled_from(names).flatmap(
        lambda name: st.sampled_from([name, name.upper(), f" {name} "])
    )
    return {
        **CELLS,
        "service_type": tagged(
            st.just("") | known, st.sampled_from(["no-such-service", "s" * 121])
        ),
    }


class UploadStepFuzz(FuzzTestCase):
    def setUp(self):
        self.catalog = {}
        for service_type in ServiceType.objects.filter(is_published=True):
            self.catalog[service_type.slug.lower()] = service_type
            self.catalog[service_type.name.lower()] = service_type

    @FUZZ
    @given(data=st.data(), saved=st.integers(0, 2), as_table=st.booleans())
    def test_a_clean_file_is_imported_whole_and_anything_else_changes_nothing(
        self, data, saved, as_table
    ):
        draft = AssessmentFactory()
        for position in range(saved):
            TaskFactory(assessment=draft, position=position + 1)
        rows = []
        if as_table:
            header, rows = data.draw(task_tables(catalog_cells(sorted(self.catalog))))
            delimiter = data.draw(st.sampled_from([",", ";", "\t"]))
            bom = data.draw(st.sampled_from(["", "\ufeff"]))
            content = (bom + write_csv(header, rows, delimiter)).encode()
        else:
            content = data.draw(hostile_bytes())
        mode_tag, mode = data.draw(
            tagged(st.sampled_from(MODES), st.sampled_from(["", "merge", "ADD", "\x00"]))
        )
        as_file = data.draw(st.sampled_from([True] * 9 + [False]))
        post = {"mode": mode, "file": upload(content) if as_file else content.decode("latin-1")}
        before = task_values(draft)

        post |= form_key()  # what the page gives every form (assessments.once)
        response = self.client.post(f"/assessments/resume/{draft.resume_token}/upload/", post)

        # No file, or an empty one, is refused by the form before the file is read.
        form_tag = worst([mode_tag, VALID if as_file and content else INVALID])
        file_tag = worst(map(row_tag, rows)) if as_table else UNKNOWN
        event(
            f"{'table' if as_table else 'bytes'}, {worst([form_tag, file_tag])}: "
            f"{response.status_code}"
        )
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert worst([form_tag, file_tag]) != VALID
            assert task_values(draft) == before
            assert_problems_are_shown(response, content, form_tag)
            return
        assert form_tag == VALID
        assert file_tag != INVALID
        parsed = parse_task_file(content)
        assert parsed.is_valid
        kept = before if mode == "add" else []
        assert task_values(draft)[: len(kept)] == kept
        assert len(task_values(draft)) == len(kept) + len(parsed.tasks)
        assert_within_bounds(draft.tasks.all())
        if file_tag == VALID:
            imported = task_values(draft)[len(kept) :]
            assert imported == [self.stored_values(row) for row in rows]

    def stored_values(self, row):
        name, complexity, skill, cost, hours, *scores, service, notes = expected_task(row)
        service_type = self.catalog[service.lower()] if service else None
        importance, sensitivity, standardisation = scores
        if standardisation is None and service_type is not None:
            standardisation = service_type.typical_standardisation  # the service's, as the form
        return (
            name,
            service_type.pk if service_type else None,
            complexity,
            skill,
            *(score or 3 for score in (importance, sensitivity, standardisation)),
            cost,
            hours,
            notes,
        )


def upload(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("tasks.csv", content, content_type="text/csv")


def assert_problems_are_shown(response, content, form_tag):
    page = response.content.decode()
    if form_tag != VALID:
        assert "is-invalid" in page or "alert" in page
        return
    parsed = parse_task_file(content)
    for problem in parsed.problems[:3]:
        assert f"Row {problem.row}" in page if problem.row else "File:" in page
