"""Nothing assumed without saying so: "Not sure" answers and ratings a catalog service
filled are recorded with the task, lower the confidence and are named on the report."""

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest

from assessments.engine.model import TaskInput
from assessments.engine.v2.explain import factor_text
from assessments.models import Assessment
from catalog.models import ServiceType
from tests.assessments.questionnaire_helpers import form_key, task_row, tasks_post
from tests.factories import AssessmentFactory, TaskFactory

pytestmark = pytest.mark.django_db

# Routine, written-down, public work that saves most of its cost with BPO: the clearest
# case, which earns "high" confidence when every input is rated.
CLEAR_BPO = {
    "complexity": "1",
    "skill_level": "1",
    "monthly_cost": "10000.00",
    "hours_per_month": "100",
    "strategic_importance": "3",
    "data_sensitivity": "1",
    "standardisation": "5",
}


def step(assessment, name):
    return f"/assessments/resume/{assessment.resume_token}/{name}/"


def submitted(client, rows):
    """A draft given these rows on the tasks step, then submitted: its tasks in order."""
    assessment = AssessmentFactory()
    response = client.post(step(assessment, "tasks"), tasks_post(rows))
    assert response.status_code == 302
    client.post(step(assessment, "review"), form_key())
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    return assessment, list(assessment.tasks.order_by("position"))


def task_cards(client, assessment):
    response = client.get(f"/assessments/{assessment.share_token}/results/print/")
    assert response.status_code == 200
    starts = response.content.decode().split('<article class="card mb-3 report-task')[1:]
    return [part.split("</article>")[0] for part in starts]


def test_not_sure_lowers_the_confidence_against_the_same_task_rated_3(client):
    rated = task_row(name="Rated", **CLEAR_BPO)
    unsure = task_row(name="Unsure", **{**CLEAR_BPO, "strategic_importance": "unsure"})

    assessment, (twin, guess) = submitted(client, [rated, unsure])

    assert (twin.assumed_inputs, guess.assumed_inputs) == ([], ["strategic_importance"])
    assert twin.strategic_importance == guess.strategic_importance == 3
    assert twin.recommendation == guess.recommendation
    assert guess.confidence < twin.confidence
    assert twin.result["confidence_label"] == "high"
    assert guess.result["confidence_label"] != "high"
    twin_card, guess_card = task_cards(client, assessment)
    assert "Not rated, so taken as 3/5: strategic importance" in guess_card
    assert "Strategic importance 3/5" not in guess_card
    assert "not rated" not in twin_card.lower()


def test_an_unrated_input_among_the_reasons_says_it_was_assumed(client):
    # Not "Delivered offshore with data sensitivity 3/5", as if the owner had said 3.
    rated = task_row(name="Rated", **{**CLEAR_BPO, "data_sensitivity": "3"})
    unsure = task_row(name="Unsure", **{**CLEAR_BPO, "data_sensitivity": "unsure"})

    assessment, (twin, guess) = submitted(client, [rated, unsure])

    twin_reasons = " | ".join(reason["text"] for reason in twin.result["reasons"])
    guess_reasons = " | ".join(reason["text"] for reason in guess.result["reasons"])
    assert "with data sensitivity 3/5" in twin_reasons
    assert "with data sensitivity not rated (assumed 3)" in guess_reasons
    assert "data sensitivity 3/5" not in guess_reasons
    _twin_card, guess_card = task_cards(client, assessment)
    assert "data sensitivity not rated (assumed 3)" in guess_card


def test_an_unrated_factor_is_worded_as_assumed_not_as_the_owners_answer():
    evaluation = SimpleNamespace(
        task=TaskInput(
            name="Filing",
            complexity=2,
            skill_level=2,
            monthly_cost=Decimal(1000),
            strategic_importance=3,
            assumed=frozenset({"strategic_importance"}),
        )
    )

    text = factor_text("strategic_importance", evaluation, context=None)

    assert text == "Strategic importance: not rated, assumed 3"


def test_the_card_names_the_ratings_a_catalog_service_filled(client):
    service = ServiceType.objects.published().get(slug="data-entry")
    row = task_row(
        name="Keying",
        service_type=str(service.pk),
        complexity="",
        skill_level="4",
        standardisation="",
    )

    assessment, (task,) = submitted(client, [row])

    assert task.prefilled_inputs == ["complexity", "standardisation"]
    (card,) = task_cards(client, assessment)
    assert (
        f"filled from {service.name}: complexity {service.typical_complexity}, "
        f"standardisation {service.typical_standardisation}"
    ) in card


@pytest.mark.parametrize(
    ("offset", "recorded"),
    [(0, ["complexity"]), (1, [])],
    ids=["still-the-services", "changed-by-the-owner"],
)
def test_a_rating_the_page_filled_is_believed_only_while_it_is_the_services(
    client, offset, recorded
):
    service = ServiceType.objects.published().get(slug="data-entry")
    complexity = (service.typical_complexity - 1 + offset) % 5 + 1
    row = task_row(service_type=str(service.pk), complexity=str(complexity), prefilled="complexity")
    assessment = AssessmentFactory()

    client.post(step(assessment, "tasks"), tasks_post([row]))

    assert assessment.tasks.get().prefilled_inputs == recorded


def test_a_saved_not_sure_is_shown_as_not_sure_and_kept_on_saving_again(client):
    assessment = AssessmentFactory()
    task = TaskFactory(
        assessment=assessment, strategic_importance=3, assumed_inputs=["strategic_importance"]
    )

    page = client.get(step(assessment, "tasks")).content.decode()

    checked = re.findall(
        r'<input type="radio" name="tasks-0-(\w+)" value="(\w+)"[^>]* checked', page
    )
    assert ("strategic_importance", "unsure") in checked
    assert ("data_sensitivity", str(task.data_sensitivity)) in checked
    client.post(
        step(assessment, "tasks"),
        tasks_post([], existing=[(task, {"strategic_importance": "unsure", "name": "Renamed"})]),
    )
    task.refresh_from_db()
    assert (task.name, task.assumed_inputs) == ("Renamed", ["strategic_importance"])


def test_a_saved_row_filled_from_its_service_shows_the_note(client):
    assessment = AssessmentFactory()
    service = ServiceType.objects.published().get(slug="data-entry")
    TaskFactory(
        assessment=assessment,
        service_type=service,
        complexity=service.typical_complexity,
        prefilled_inputs=["complexity"],
    )

    page = client.get(step(assessment, "tasks")).content.decode()

    assert (
        f"Filled from {service.name}: complexity {service.typical_complexity} "
        "\N{EM DASH} change any of them."
    ) in page
    assert 'value="complexity"' in page  # the hidden list the page's script keeps
