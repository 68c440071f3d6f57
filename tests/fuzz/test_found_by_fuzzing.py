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
