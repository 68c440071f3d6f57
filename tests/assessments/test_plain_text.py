"""Names and notes are stored without the characters that hide or disguise text:
control characters and bidirectional overrides (`outsourcing_advisor.plain_text`), in the
questionnaire's forms and in task files alike."""

import pytest

from assessments.models import Assessment
from assessments.task_file import parse_task_file
from outsourcing_advisor.plain_text import plain_text
from tests.assessments.questionnaire_helpers import company_data, task_row, tasks_post
from tests.factories import AssessmentFactory

RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Invoice\x00 entry", "Invoice entry"),
        ("Pay\x1brun", "Payrun"),
        ("Bell\x07", "Bell"),
        ("C1\x85 control\x9b", "C1 control"),
        ("Del\x7f", "Del"),
        (f"{RLO}txt.exe{PDF}", "txt.exe"),
        (f"Isolated {LRI}name{PDI}", "Isolated name"),
        ("Tab\tseparated", "Tab separated"),
        ("Two\r\nlines", "Two lines"),
        ("\u05e9\u05db\u05e8 \u200f1", "\u05e9\u05db\u05e8 \u200f1"),  # a right-to-left mark stays
        ("Café, 2 € a unit", "Café, 2 € a unit"),
    ],
)
def test_hidden_characters_are_removed_and_the_rest_kept(typed, stored):
    assert plain_text(typed) == stored


def test_multi_line_text_keeps_its_line_breaks_only():
    assert plain_text("One\r\nTwo\rThree\x0b", multiline=True) == "One\nTwo\nThree"


@pytest.mark.django_db
def test_the_company_name_is_stored_without_them(client):
    client.post("/assessments/start/", company_data(company_name=f"Harbour {RLO}gnitsigoL\x00"))

    assert Assessment.objects.get().company_name == "Harbour gnitsigoL"


@pytest.mark.django_db
def test_a_name_made_only_of_hidden_characters_is_asked_for_again(client):
    response = client.post("/assessments/start/", company_data(company_name=f"{RLO}\x00{PDF}"))

    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_task_names_and_notes_are_stored_without_them(client):
    draft = AssessmentFactory()
    row = task_row(name=f"Pay{RLO}roll\x08", description=f"Monthly\x00 {LRI}run{PDI}")

    client.post(f"/assessments/resume/{draft.resume_token}/tasks/", tasks_post([row]))

    task = draft.tasks.get()
    assert (task.name, task.description) == ("Payroll", "Monthly run")


def test_a_task_file_is_read_without_them():
    data = (
        f"name,complexity,skill_level,monthly_cost,description\nPay{RLO}roll\x07,2,2,3000,A{PDF}b\n"
    )

    parsed = parse_task_file(data.encode(), max_tasks=10)

    assert parsed.is_valid
    assert (parsed.tasks[0].name, parsed.tasks[0].description) == ("Payroll", "Ab")
