"""The results report's task cards, written out in Python, and the name of its currency.

A report has one card per task, up to 1,000. As an included template, the cards took about
three quarters of a 1,000-task report's first render: a card has some 60 values and tags
to render, and a template spends several microseconds on each. `task_card` writes the
same HTML directly. Each value is shown as `{{ value }}` would show it: text escaped
(`text`), numbers localised first (`number`, worked out once per value and render:
`localize` alone took 7 µs a call). Only display here; what a card says is decided in
`assessments.report`.
"""

from html import escape

from babel.numbers import get_currency_name
from django import template
from django.utils.formats import localize
from django.utils.safestring import mark_safe

register = template.Library()

CARD = (
    '<article class="card mb-3 report-task answer-card answer-{css}">\n'
    '  <div class="card-body">\n'
    '    <h3 class="h5 card-title">{name}: '
    '<span class="badge answer-badge answer-badge-{css}">{answer}</span></h3>\n'
    "    {description}\n"
    '    <dl class="report-facts row mb-2 small">\n'
    '      <dt class="col-sm-3">Scores</dt>\n'
    '      <dd class="col-sm-9">{scores} (out of 100)</dd>\n'
    '      <dt class="col-sm-3">Confidence</dt>\n'
    '      <dd class="col-sm-9">{confidence}% ({confidence_label})</dd>\n'
    '      <dt class="col-sm-3">Delivery location</dt>\n'
    '      <dd class="col-sm-9">{location}</dd>\n'
    '      <dt class="col-sm-3">Catalog service</dt>\n'
    '      <dd class="col-sm-9">{service}</dd>\n'
    "    </dl>\n"
    '    <p class="mb-1 fw-semibold">Why</p>\n'
    '    <ul class="mb-2">\n'
    "      {reasons}\n"
    "    </ul>\n"
    "    {notes}"
    '    <div class="table-responsive">\n'
    '      <table class="table table-sm w-auto mb-2 report-task-costs">\n'
    "        <caption>Cost of each answer for {name}</caption>\n"
    '        <thead><tr><th scope="col">Answer</th><th scope="col">From</th>'
    '<th scope="col" class="text-end">Per month</th><th scope="col" class="text-end">Year 1</th>'
    '<th scope="col" class="text-end">Years 1 to 3</th><th scope="col">Pays back</th>'
    "</tr></thead>\n"
    "        <tbody>\n"
    "{costs}"
    "        </tbody>\n"
    "      </table>\n"
    "    </div>\n"
    '    <p class="mb-1">{saving}</p>\n'
    '    <p class="mb-0"><span class="fw-semibold">What would change the answer:</span> '
    "{what_if}</p>\n"
    "  </div>\n"
    "</article>\n"
)
DESCRIPTION = '<p class="mb-2">{}</p>'
SCORE = "{} {}"
CHOSEN_SCORE = "<strong>{} {}</strong>"
SCORE_SEPARATOR = " · "
REASON = '<li>{} <span class="text-body-secondary">(favours {}, {} points)</span></li>'
RULE_REASON = '<li><strong>{}</strong> <span class="text-body-secondary">(decides)</span></li>'
NOTES = '<p class="mb-1 fw-semibold">Good to know</p>\n    <ul class="mb-2 small">{}</ul>\n'
NOTE = "<li>{}</li>"
SERVICE_LINK = '<a href="{}">{}</a>'
COST_ROW = (
    '          <tr{}><th scope="row">{}{}</th><td>{}</td>'
    '<td class="text-end">{}</td><td class="text-end">{}</td>'
    '<td class="text-end">{}</td><td>{}</td></tr>\n'
)
RECOMMENDED_ROW = ' class="report-recommended"'


@register.filter
def currency_name(code):
    """The currency's English name, as amounts are counted in it: "British pounds"."""
    return get_currency_name(code, count=2, locale="en")


@register.simple_tag(takes_context=True)
def task_card(context, item):
    """One task of the report (an `assessments.report.TaskReport`): its answer, scores,
    reasons, location, catalog match, costs and what would change the answer."""
    number = numbers(context)
    task = item.task
    result = task.result or {}
    service_type = task.service_type
    if item.service_url:
        service = SERVICE_LINK.format(text(item.service_url), text(service_type.name))
    else:
        service = text(service_type.name) if service_type else "None chosen"
    card = CARD.format(
        css=text(item.css),
        name=text(task.name),
        answer=text(item.answer_label),
        description=DESCRIPTION.format(text(task.description)) if task.description else "",
        scores=SCORE_SEPARATOR.join(
            (CHOSEN_SCORE if chosen else SCORE).format(text(label), number(score))
            for label, score, chosen in item.scores
        ),
        confidence=number(task.confidence),
        confidence_label=text(result.get("confidence_label", "")),
        location=text(item.location),
        service=service,
        reasons="".join(reason_item(reason, number) for reason in item.reasons),
        notes=NOTES.format("".join(NOTE.format(text(note)) for note in item.notes))
        if item.notes
        else "",
        costs="".join(map(cost_row, item.costs)),
        saving=text(item.saving),
        what_if=text(item.what_if),
    )
    return mark_safe(card)  # noqa: S308 (every value escaped above)


def reason_item(reason, number):
    if reason.get("factor") == "rule":
        return RULE_REASON.format(text(reason.get("text", "")))
    return REASON.format(
        text(reason.get("text", "")),
        text(reason.get("favours_label", "")),
        number(reason.get("points", "")),
    )


def cost_row(option):
    return COST_ROW.format(
        RECOMMENDED_ROW if option.recommended else "",
        text(option.label),
        " (recommended)" if option.recommended else "",
        text(option.location),
        text(option.monthly),
        text(option.year1),
        text(option.year3),
        text(option.break_even),
    )


def text(value):
    """A value as `{{ value }}` shows it when no localisation applies: escaped, unless
    it is already safe HTML (as Django's `conditional_escape`, which is this escape)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


def numbers(context):
    """`number` for this render: a number localised as `{{ value }}` does, each distinct
    value once (keyed by type too: 100 and Decimal("100.0") are equal but not shown so)."""
    shown = context.render_context.setdefault("report_cards.numbers", {})

    def number(value):
        key = (type(value), value)
        found = shown.get(key)
        if found is None:
            found = shown[key] = text(localize(value))
        return found

    return number
