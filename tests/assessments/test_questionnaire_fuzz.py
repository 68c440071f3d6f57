"""Arbitrary input to the questionnaire's forms: a clear answer every time, never a 500.

Each example runs in its own transaction (hypothesis' Django TestCase), so what one example
saves cannot hide what another does. Invalid input must leave the draft exactly as it was.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from assessments.models import Assessment, Task
from tests.assessments.questionnaire_helpers import company_data, task_row, tasks_post
from tests.factories import AssessmentFactory

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Mostly plausible values, with hostile ones mixed in: NUL, huge, negative, exotic digits.
CELL = st.one_of(
    st.sampled_from(["", "0", "1", "3", "5", "6", "-1", "1e9", "NaN", "Infinity", "1,000.5"]),
    st.sampled_from(["12.345", "٣", "\x00", "x" * 2000, "=1+1", "99999999999999999999"]),
    st.text(max_size=40),
)
TASK_FIELDS = list(task_row())


def fields_strategy(names):
    return st.fixed_dictionaries({}, optional=dict.fromkeys(names, CELL))


class CompanyFormFuzz(TestCase):
    @FUZZ
    @given(changes=fields_strategy(list(company_data())))
    def test_company_step_never_fails_and_saves_only_valid_drafts(self, changes):
        response = self.client.post("/assessments/start/", company_data(**changes))

        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert not Assessment.objects.exists()
        else:
            assessment = Assessment.objects.get()
            assert 1 <= assessment.priority_cost <= 5
            assert assessment.company_name.strip()


class TaskFormsetFuzz(TestCase):
    def setUp(self):
        self.assessment = AssessmentFactory()
        self.url = f"/assessments/resume/{self.assessment.resume_token}/tasks/"

    @FUZZ
    @given(rows=st.lists(fields_strategy(TASK_FIELDS), min_size=1, max_size=3))
    def test_tasks_step_never_fails_and_refuses_bad_rows_whole(self, rows):
        before = Task.objects.count()

        response = self.client.post(self.url, tasks_post([task_row(**row) for row in rows]))

        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert Task.objects.count() == before
        for task in Task.objects.all():
            assert 1 <= task.complexity <= 5
            assert 0 <= task.monthly_cost <= 10_000_000
            assert "\x00" not in task.name

    @FUZZ
    @given(management=fields_strategy(["TOTAL_FORMS", "INITIAL_FORMS", "MAX_NUM_FORMS"]))
    def test_tampered_management_data_is_refused_politely(self, management):
        data = tasks_post([task_row()])
        data.update({f"tasks-{key}": value for key, value in management.items()})

        response = self.client.post(self.url, data)

        assert response.status_code in (200, 302)


class TaskFileFuzz(TestCase):
    def setUp(self):
        self.assessment = AssessmentFactory()
        self.url = f"/assessments/resume/{self.assessment.resume_token}/upload/"

    @FUZZ
    @given(content=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
    def test_any_uploaded_bytes_get_an_answer_and_bad_files_save_nothing(self, content):
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("tasks.csv", content, content_type="text/csv")
        response = self.client.post(self.url, {"file": upload, "mode": "add"})

        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert not Task.objects.exists()
