"""Server errors the fuzz tests found, pinned as plain tests so they never come back.

Random search may not draw the same value again; these always do.
"""

import pytest

from tests.assessments.questionnaire_helpers import task_row, tasks_post
from tests.factories import AssessmentFactory, TaskFactory

pytestmark = pytest.mark.django_db


def post_tasks(client, assessment, data):
    return client.post(f"/assessments/resume/{assessment.resume_token}/tasks/", data)


@pytest.mark.parametrize("key", ["\u00b3", "\u0663", "\uff13"])
def test_a_service_type_key_in_other_digits_is_refused_not_a_server_error(client, key):
    # "³".isdigit() is true but int("³") raises: the field checked one and called the other.
    assessment = AssessmentFactory()

    response = post_tasks(client, assessment, tasks_post([task_row(service_type=key)]))

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not assessment.tasks.exists()


@pytest.mark.parametrize("amount", ["sNaN", "-sNaN", "NaN", "Infinity"])
def test_a_cost_that_is_not_a_finite_number_is_refused_on_a_saved_row(client, amount):
    # Django compares a saved row's value with the posted one before validating it, and a
    # comparison with a signalling NaN raises InvalidOperation.
    task = TaskFactory()

    response = post_tasks(
        client, task.assessment, tasks_post([], existing=[(task, {"monthly_cost": amount})])
    )

    assert response.status_code == 200
    assert "Enter a number." in response.content.decode()
    task.refresh_from_db()
    assert task.monthly_cost == 5000


@pytest.mark.parametrize("second_key", ["same", "\u0663"])
def test_two_rows_naming_the_same_saved_task_are_refused_not_a_server_error(client, second_key):
    # Arabic-Indic "٣" reads as 3: both rows were task 3, deleted twice (the second delete
    # raised). Any repeat is refused, whatever digits spell it.
    assessment = AssessmentFactory()
    task = TaskFactory(assessment=assessment, name="Payroll run")
    data = tasks_post([], existing=[(task, {"DELETE": "on"}), (task, {"DELETE": "on"})])
    if second_key != "same":
        data["tasks-1-id"] = str(task.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))

    response = post_tasks(client, assessment, data)

    assert response.status_code == 200
    assert "Two rows are the same saved task" in response.content.decode()
    assert assessment.tasks.get().name == "Payroll run"
