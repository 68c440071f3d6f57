"""What the tasks step adds up: the running totals under the list, and the summary a
task file's import opens on."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum


@dataclass(frozen=True)
class Totals:
    tasks: int = 0
    monthly_cost: Decimal = Decimal(0)
    hours: Decimal = Decimal(0)
    tasks_with_hours: int = 0

    def __add__(self, other):
        return Totals(
            self.tasks + other.tasks,
            self.monthly_cost + other.monthly_cost,
            self.hours + other.hours,
            self.tasks_with_hours + other.tasks_with_hours,
        )


def totals_of(tasks):
    """The totals of a queryset of tasks, in one query."""
    found = tasks.aggregate(
        tasks=Count("pk"),
        monthly_cost=Sum("monthly_cost"),
        hours=Sum("hours_per_month"),
        tasks_with_hours=Count("hours_per_month"),
    )
    return Totals(
        found["tasks"],
        found["monthly_cost"] or Decimal(0),
        found["hours"] or Decimal(0),
        found["tasks_with_hours"],
    )


def totals_of_saved(instances):
    """The totals of saved Task instances already in memory (a page's rows)."""
    saved = [task for task in instances if task.pk]
    with_hours = [task.hours_per_month for task in saved if task.hours_per_month is not None]
    return Totals(
        len(saved),
        sum((task.monthly_cost for task in saved), Decimal(0)),
        sum(with_hours, Decimal(0)),
        len(with_hours),
    )


def step_totals(assessment, formset):
    """(other pages, every saved task): the page's script adds its own rows, as typed, to
    the first; without the script the second is shown. After a refused save the page's
    instances hold what was typed, so the saved tasks are added up in the database."""
    on_page = [form.instance for form in formset.initial_forms]
    others = totals_of(assessment.tasks.exclude(pk__in=[task.pk for task in on_page]))
    if formset.is_bound:
        return others, totals_of(assessment.tasks.all())
    return others, others + totals_of_saved(on_page)


@dataclass(frozen=True)
class DraftSummary:
    """What an owner checks after an upload, before going through the rows."""

    totals: Totals
    with_service: int
    prefilled: int
    unsure: int
    standardisation_assumed: int


def draft_summary(assessment):
    rows = assessment.tasks.values_list("service_type_id", "assumed_inputs", "prefilled_inputs")
    with_service = prefilled = unsure = standardisation = 0
    for service_type_id, assumed, filled in rows:
        with_service += service_type_id is not None
        prefilled += bool(filled)
        unsure += any(field != "standardisation" for field in assumed)
        standardisation += "standardisation" in assumed
    return DraftSummary(
        totals_of(assessment.tasks.all()), with_service, prefilled, unsure, standardisation
    )
