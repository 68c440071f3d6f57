"""The tasks step after a refused save (`drafts.DraftConflict`): the owner's entries, merged
with what was saved elsewhere, so that saving again undoes nothing.

The rows go back on the form as the owner sent them, except:
- a task changed elsewhere since the owner's page was opened shows what was saved there
  (the conflict message names it, so the owner can redo an edit of their own to it);
- a task removed elsewhere is left out: it is never brought back.
New rows the owner typed are kept as typed.
"""

from django.http import QueryDict

from .forms import TaskForm

TASK_FIELDS = tuple(TaskForm.Meta.fields)
MANAGEMENT = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")


def saved_row(task):
    """A saved task's values as its row of the form posts them."""
    row = {}
    for field in TASK_FIELDS:
        value = getattr(task, "service_type_id" if field == "service_type" else field)
        row[field] = [] if value is None else [str(value)]
    row["id"] = [str(task.pk)]
    return row


def sent_row(data, form):
    """The values the owner sent for one row of the formset."""
    names = (*TASK_FIELDS, "id", "DELETE")
    return {name: data.getlist(form.add_prefix(name)) for name in names}


def merged_task_data(data, formset, assessment, revision):
    """The POST `data` of the tasks formset, merged as the module says."""
    saved = {task.pk: task for task in assessment.tasks.all()}
    kept_saved, new_rows = [], []
    for form in formset.initial_forms:
        key = form.data.get(form.add_prefix("id"), "")
        task = saved.get(int(key)) if str(key).isdigit() else None
        if task is None:
            continue  # removed elsewhere
        kept_saved.append(saved_row(task) if task.changed_in > revision else sent_row(data, form))
    new_rows = [sent_row(data, form) for form in formset.extra_forms]
    merged = QueryDict(mutable=True)
    for name, values in data.lists():
        if not name.startswith(f"{formset.prefix}-"):
            merged.setlist(name, values)
    for index, row in enumerate([*kept_saved, *new_rows]):
        for name, values in row.items():
            if values:
                merged.setlist(f"{formset.prefix}-{index}-{name}", values)
    counts = {
        "TOTAL_FORMS": len(kept_saved) + len(new_rows),
        "INITIAL_FORMS": len(kept_saved),
    }
    for name in MANAGEMENT:
        value = counts.get(name, data.get(f"{formset.prefix}-{name}", ""))
        merged[f"{formset.prefix}-{name}"] = str(value)
    return merged
