"""Building the questionnaire's POST data the way a browser would send it."""

import uuid

from assessments.forms import TaskForm

TASK_FIELDS = tuple(TaskForm.Meta.fields)


def form_key():
    """The hidden fields a questionnaire page gives each form: a fresh one-time key
    (`assessments.once`). The draft's revision is left out: these helpers test other
    behaviour, and a form without it is not checked for conflicts."""
    return {"form_key": str(uuid.uuid4())}


def company_data(**overrides):
    data = {
        **form_key(),
        "company_name": "Harbour Logistics",
        "industry": "",
        "size_band": "10-49",
        "region": "Ohio",
        "country": "US",
        "currency": "",  # the country's own
        "priority_cost": "4",
        "priority_quality": "3",
        "priority_control": "2",
        "allow_onshore": "on",
        "allow_nearshore": "on",
        "allow_offshore": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def task_row(**overrides):
    row = {
        "name": "Invoice data entry",
        "service_type": "",
        "complexity": "2",
        "skill_level": "1",
        "monthly_cost": "1850.00",
        "hours_per_month": "120",
        "strategic_importance": "1",
        "data_sensitivity": "2",
        "standardisation": "5",
        "description": "",
    }
    row.update(overrides)
    return row


def tasks_post(rows, existing=(), action="save"):
    """Formset data: `existing` are (task, changes) pairs for saved rows, `rows` new ones."""
    data = {
        "tasks-TOTAL_FORMS": str(len(existing) + len(rows)),
        "tasks-INITIAL_FORMS": str(len(existing)),
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
        "action": action,
        **form_key(),
    }
    for index, (task, changes) in enumerate(existing):
        row = {field: current_value(task, field) for field in TASK_FIELDS}
        row.update(changes)
        data.update(prefixed(index, {"id": str(task.pk), **row}))
    for offset, row in enumerate(rows, start=len(existing)):
        data.update(prefixed(offset, row))
    return data


def current_value(task, field):
    value = getattr(task, "service_type_id" if field == "service_type" else field)
    return "" if value is None else str(value)


def prefixed(index, row):
    return {f"tasks-{index}-{key}": value for key, value in row.items() if value is not None}
