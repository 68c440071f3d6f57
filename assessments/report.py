"""What the results report shows, built from a scored assessment and its tasks.

Plain functions and dataclasses turn the stored scores (Task fields, `Task.result` and
`Assessment.summary`, money as JSON strings) into display values: money as text, chart
geometry, the catalog risks that apply, next steps, task cards and the rows of the task
table. Three parts, so that a page does only the work it shows:
- `build_summary` reads every task once (figures, charts, risks, next steps) and gives a
  result whose size does not grow with the tasks;
- `task_report` is one task's card;
- the task table says how to sort (`table_order`) and writes only the rows of one page.
The only database reads are the risks, in a constant number of queries; nothing is
written. Templates only display what these return. No scoring rules live here.
"""

from dataclasses import dataclass

from django.db.models import F
from django.db.models.functions import Lower

from catalog.money import country_name

from . import charts
from .advice import (
    OUTSOURCED,
    ZERO,
    amount,
    applicable_risks,
    money,
    names_text,
    next_steps,
)
from .models import Answer

MONTHS_PER_YEAR = 12
HORIZON_MONTHS = 36  # what every assessment scored before the horizon was recorded used
COMPARED_OPTIONS = (
    ("in_house", "Everything in-house (today)"),
    ("bpo", "Everything with BPO where possible"),
    ("kpo", "Everything with KPO where possible"),
    ("plan", "Recommended plan"),
)
OPTION_FILLS = {
    "in_house": charts.ANSWER_STYLES["in_house"].stroke,
    "bpo": charts.ANSWER_STYLES["bpo"].fill,
    "kpo": charts.ANSWER_STYLES["kpo"].fill,
    "plan": charts.PLAN_FILL,
}
PERIODS = (
    ("monthly", "Per month"),
    ("year1", "Year 1, with the transition"),
    ("year3", "Years 1 to 3"),
)
COUNT_PHRASES = {
    Answer.BPO: ("task for BPO", "tasks for BPO"),
    Answer.KPO: ("task for KPO", "tasks for KPO"),
    Answer.IN_HOUSE: ("task to keep in-house", "tasks to keep in-house"),
}
ANSWER_CSS = {Answer.BPO: "bpo", Answer.KPO: "kpo", Answer.IN_HOUSE: "in-house"}


@dataclass
class Row:
    """One line of a table: a label and its figures as text."""

    label: str
    cells: list


@dataclass
class Headline:
    counts: list  # (css class, (singular, plural) phrase, number of tasks)
    figures: list  # Rows: today's cost, the plan's and year 1's saving, each explained
    three_years: Row  # the saving (or extra cost) over years 1 to 3: the report's answer
    break_even: str
    rows: list  # Rows: today, the plan and the saving over each period


@dataclass
class OptionCost:
    label: str
    available: bool
    location: str
    monthly: str
    year1: str
    year3: str
    break_even: str
    recommended: bool


@dataclass
class TaskReport:
    task: object
    css: str
    answer_label: str
    service_url: str  # empty when the task has no published catalog service type
    scores: list
    reasons: list
    notes: list
    location: str
    costs: list
    saving: str
    what_if: str


@dataclass
class Summary:
    """The report's parts that read every task: figures, charts, risks and next steps."""

    currency: str
    headline: Headline
    scatter: charts.Scatter
    legend: list
    scatter_rows: list
    cost_chart: charts.BarChart
    cost_rows: list
    risks: list
    next_steps: list
    market_note: str  # empty unless the country was priced in another market


def build_summary(assessment, tasks):
    """Everything the report shows about the tasks together (a list of every task).

    Its size does not grow with the tasks: the task map draws one marker per rating and
    answer, and the next steps and risks name a few tasks each.
    """
    currency = assessment.currency
    # Amounts are written as in the company's country (catalog.money.money_locale).
    country = getattr(assessment, "country", None)
    totals = option_totals(tasks)
    groups = task_groups(tasks)
    return Summary(
        currency=currency,
        headline=headline(assessment.summary, currency, country),
        scatter=charts.scatter([scatter_point(group) for group in groups]),
        legend=[charts.ANSWER_STYLES[answer] for answer in Answer.values],
        scatter_rows=[scatter_row(group, currency, country) for group in groups],
        cost_chart=cost_chart(totals, currency, country),
        cost_rows=[
            Row(label, [money(total, currency, country) for total in totals[key]])
            for key, label in COMPARED_OPTIONS
        ],
        risks=applicable_risks(tasks),
        next_steps=next_steps(assessment.summary, tasks, currency, country),
        market_note=market_note(assessment.rates_snapshot),
    )


def task_reports(assessment, tasks):
    """Every task's card (`TaskReport`), in the order given."""
    locations = location_names(assessment.rates_snapshot)
    country = getattr(assessment, "country", None)
    return [task_report(task, assessment.currency, locations, country) for task in tasks]


def assessment_task_report(assessment, task):
    """One task's card, as `task_reports` writes it."""
    return task_reports(assessment, [task])[0]


def market_note(snapshot):
    """Says when the company's country has no provider market of its own in the catalog."""
    snapshot = snapshot or {}
    if snapshot.get("priced_as_home", True):
        return ""
    country = country_name(snapshot.get("country", "")) or snapshot.get("country", "")
    return (
        f"The catalog has no provider rates for {country}: onshore is priced at United "
        "States rates, converted into your currency."
    )


def location_names(snapshot):
    """Delivery location names by kind, as the assessment was scored with."""
    names = {item["kind"]: item["name"] for item in (snapshot or {}).get("locations", [])}
    return lambda kind: names.get(kind, kind.capitalize()) if kind else "Your team"


# --- Headline ----------------------------------------------------------------------------


def headline(summary, currency, country=None):
    current, plan = summary["current"], summary["plan"]

    def text(value):
        return money(value, currency, country)

    today_year, plan_year = (amount(x["monthly"]) * MONTHS_PER_YEAR for x in (current, plan))
    rows = [
        Row(label, [text(current[key]), text(plan[key]), text(summary[f"saving_{key}"])])
        for key, label in PERIODS
    ]
    rows.insert(
        1,
        Row(
            "A full year once running",
            [text(today_year), text(plan_year), text(today_year - plan_year)],
        ),
    )
    return Headline(
        counts=[
            (ANSWER_CSS[answer], phrase, summary["counts"].get(answer, 0))
            for answer, phrase in COUNT_PHRASES.items()
        ],
        figures=[
            Row(
                "In-house today", [text(current["monthly"]), f"a month, {text(today_year)} a year"]
            ),
            Row(
                "Recommended plan",
                [text(plan["monthly"]), f"a month, {text(plan_year)} a year once running"],
            ),
            saving_figure(
                "year 1", summary["saving_year1"], currency, "after the transition", country
            ),
        ],
        three_years=saving_figure(
            "3 years", summary["saving_year3"], currency, "years 1 to 3 together", country
        ),
        break_even=break_even_text(summary),
        rows=rows,
    )


def saving_figure(period, saving, currency, note, country=None):
    """A headline saving; a negative one is shown as the extra cost it is."""
    saving = amount(saving)
    if saving < 0:
        return Row(f"Extra cost over {period}", [money(-saving, currency, country), note])
    return Row(f"Saving over {period}", [money(saving, currency, country), note])


def break_even_text(summary):
    if not any(summary["counts"].get(answer, 0) for answer in OUTSOURCED):
        return "Everything stays in-house, so there is no transition to pay back."
    month = summary.get("break_even_month")
    horizon = summary.get("horizon_months", HORIZON_MONTHS)
    if month and month <= horizon:
        return f"The plan pays back its transition costs in month {month}."
    return (
        f"The plan does not pay back within {years_text(horizon)}: it costs more than "
        "keeping the work, so the work it sends out is chosen for skills, not for savings."
    )


# --- Charts ------------------------------------------------------------------------------


@dataclass
class TaskGroup:
    """Tasks that share a place on the task map and an answer: one marker for them all."""

    complexity: int
    skill_level: int
    answer: str
    tasks: list

    @property
    def names(self):
        if len(self.tasks) == 1:
            return self.tasks[0].name
        return f"{len(self.tasks)} tasks: {names_text(self.tasks)}"

    @property
    def monthly_cost(self):
        return sum((task.monthly_cost for task in self.tasks), ZERO)


def task_groups(tasks):
    """The tasks grouped by complexity, skill level and answer: at most 75 groups."""
    groups = {}
    for task in tasks:
        key = (task.complexity, task.skill_level, task.recommendation)
        groups.setdefault(key, []).append(task)
    return [TaskGroup(*key, members) for key, members in sorted(groups.items())]


def scatter_point(group):
    answer = Answer(group.answer).label
    return charts.ScatterPoint(
        label=f"{group.names}: {answer}" if len(group.tasks) == 1 else f"{answer}, {group.names}",
        complexity=group.complexity,
        skill_level=group.skill_level,
        answer=group.answer,
        monthly_cost=float(group.monthly_cost),
    )


def scatter_row(group, currency, country=None):
    return Row(
        group.names,
        [
            group.complexity,
            group.skill_level,
            Answer(group.answer).label,
            money(group.monthly_cost, currency, country),
        ],
    )


def option_totals(tasks):
    """Monthly and three-year totals of each compared option over every task.

    An option a task cannot use (no provider for it) keeps that task's in-house cost.
    """
    totals = {key: [ZERO, ZERO] for key, _ in COMPARED_OPTIONS}
    for task in tasks:
        costs = task.result["costs"]
        chosen = {
            "in_house": costs["in_house"],
            "bpo": costs["bpo"] if costs["bpo"]["available"] else costs["in_house"],
            "kpo": costs["kpo"] if costs["kpo"]["available"] else costs["in_house"],
            "plan": costs[task.recommendation],
        }
        for key, cost in chosen.items():
            totals[key][0] += amount(cost["monthly"])
            totals[key][1] += amount(cost["year3"])
    return totals


def cost_chart(totals, currency, country=None):
    def bars(measure):
        return [
            charts.BarInput(
                label,
                totals[key][measure],
                money(totals[key][measure], currency, country),
                OPTION_FILLS[key],
            )
            for key, label in COMPARED_OPTIONS
        ]

    return charts.bar_chart(
        [("Per month", bars(0)), ("Years 1 to 3, with the transition", bars(1))]
    )


# --- Tasks -------------------------------------------------------------------------------


def task_report(task, currency, location_name, country=None):
    result = task.result
    return TaskReport(
        task=task,
        css=ANSWER_CSS[task.recommendation],
        answer_label=Answer(task.recommendation).label,
        service_url=service_url(task.service_type),
        scores=[
            (label, score, answer == task.recommendation)
            for answer, label, score in (
                (Answer.BPO, "BPO", task.bpo_score),
                (Answer.KPO, "KPO", task.kpo_score),
                (Answer.IN_HOUSE, "In-house", task.in_house_score),
            )
        ],
        reasons=result.get("reasons", []),
        notes=result.get("notes", []),
        location=location_text(task, location_name),
        costs=[
            option_cost(answer, result, task, currency, location_name, country)
            for answer in Answer.values
        ],
        saving=saving_text(task, currency, country),
        what_if=(result.get("what_if") or {}).get("text")
        or "No single change to your answers would alter this recommendation.",
    )


def service_url(service_type):
    """The catalog page of a service type; unpublished ones have none."""
    if service_type is None or not service_type.is_published:
        return ""
    return service_type.get_absolute_url()


def location_text(task, location_name):
    where = location_name(task.delivery_location) if task.delivery_location else ""
    if task.recommendation != Answer.IN_HOUSE:
        return where
    if where:
        return f"None, the work stays in-house (if outsourced: {where})"
    return "None, the work stays in-house"


def pays_back_text(answer, month, horizon_months):
    """'month 13', or that it does not pay back within the horizon; empty for in-house."""
    if answer == Answer.IN_HOUSE:
        return ""
    if month and month <= horizon_months:
        return f"month {month}"
    return f"not within {years_text(horizon_months)}"


def years_text(months):
    years = months / MONTHS_PER_YEAR
    return f"{years:g} year" + ("" if years == 1 else "s")


def option_cost(answer, result, task, currency, location_name, country=None):
    cost = result["costs"][answer]
    available = cost["available"]
    month = cost.get("break_even_month")
    horizon = result.get("horizon_months", HORIZON_MONTHS)
    return OptionCost(
        label=Answer(answer).label,
        available=available,
        location=location_name(cost.get("location")),
        monthly=money(cost["monthly"], currency, country) if available else "not offered",
        year1=money(cost["year1"], currency, country) if available else "",
        year3=money(cost["year3"], currency, country) if available else "",
        break_even=pays_back_text(answer, month, horizon) if available else "",
        recommended=answer == task.recommendation,
    )


def saving_text(task, currency, country=None):
    saving = task.monthly_saving or ZERO
    if task.recommendation == Answer.IN_HOUSE or saving == 0:
        return "No change to today's monthly cost."
    if saving > 0:
        return f"Saves about {money(saving, currency, country)} a month once running."
    extra = money(-saving, currency, country)
    return f"Costs about {extra} a month more than in-house, for the skills."


# --- Task table --------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str  # its ?sort= value
    label: str
    order: object  # what the database sorts by
    numeric: bool


TASKS_PER_PAGE = 50
TABLE_COLUMNS = (
    Column("task", "Task", Lower("name"), numeric=False),
    Column("answer", "Answer", F("recommendation"), numeric=False),
    Column("cost", "In-house cost a month", F("monthly_cost"), numeric=True),
    Column("saving", "Saving a month", F("monthly_saving"), numeric=True),
    Column("confidence", "Confidence", F("confidence"), numeric=True),
)
COLUMNS = {column.key: column for column in TABLE_COLUMNS}
# The tasks in the order the owner listed them: a task's number counts in this order.
LISTED_ORDER = ("position", "pk")


@dataclass
class Heading:
    """A column heading of the task table: its link sorts by it, or reverses its order."""

    label: str
    numeric: bool
    link_sort: str
    aria_sort: str  # "ascending" or "descending" for the column sorted by, else empty


@dataclass
class TaskRow:
    number: int
    url: str
    name: str
    css: str
    answer_label: str
    monthly_cost: str
    saving: str
    confidence: object


def clean_sort(value):
    """A ?sort= value the table knows ("saving", "-saving"), or "" for the listed order."""
    return value if value.removeprefix("-") in COLUMNS else ""


def table_order(sort):
    """Database ordering for a clean sort value; ties keep the listed order."""
    column = COLUMNS.get(sort.removeprefix("-"))
    if column is None:
        return LISTED_ORDER
    if sort.startswith("-"):
        return (column.order.desc(nulls_last=True), *LISTED_ORDER)
    return (column.order.asc(nulls_last=True), *LISTED_ORDER)


def table_headings(sort):
    key, descending = sort.removeprefix("-"), sort.startswith("-")
    headings = []
    for column in TABLE_COLUMNS:
        if column.key != key:
            headings.append(Heading(column.label, column.numeric, column.key, ""))
        elif descending:
            headings.append(Heading(column.label, column.numeric, column.key, "descending"))
        else:
            headings.append(Heading(column.label, column.numeric, f"-{key}", "ascending"))
    return headings


def sort_text(sort):
    """How the table is sorted, in words: "sorted by Saving a month, descending"."""
    column = COLUMNS.get(sort.removeprefix("-"))
    if column is None:
        return "in the order you listed them"
    return f"sorted by {column.label}, {'descending' if sort.startswith('-') else 'ascending'}"


def table_rows(tasks, assessment, task_url):
    """The rows of one page of the table; each task carries its `number` and links to
    `task_url(number)`."""
    currency, country = assessment.currency, getattr(assessment, "country", None)
    return [
        TaskRow(
            number=task.number,
            url=task_url(task.number),
            name=task.name,
            css=ANSWER_CSS.get(task.recommendation, ""),
            answer_label=task.get_recommendation_display(),
            monthly_cost=money(task.monthly_cost, currency, country),
            saving=money(task.monthly_saving, currency, country),
            confidence=task.confidence,
        )
        for task in tasks
    ]
