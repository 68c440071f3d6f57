"""Plain-words phrases for the reasons behind an answer.

Each phrase describes the task's own value of one factor, so a business owner can check
it against what they entered. No Django, no database, no clock.
"""

from .costs import ZERO
from .model import ANSWER_LABELS, BPO, KPO

KNOWLEDGE_LEVELS = (
    (0.25, "routine work that a trained team can follow step by step"),
    (0.74, "work of moderate complexity that needs some experience"),
    (1.00, "specialist knowledge work that needs expert judgement"),
)
STANDARDISATION = {
    1: "the work changes case by case and is hard to describe to an outsider",
    2: "the work is only loosely documented",
    3: "the work is partly documented",
    4: "the steps are written down and results can be measured",
    5: "every step is written down and checked against agreed targets",
}
STRATEGIC = {
    1: "a commodity that gives no edge over competitors",
    2: "useful but not what sets you apart",
    3: "moderately important to your strategy",
    4: "important to what sets you apart, so control matters",
    5: "core to what sets you apart, so control matters most",
}
SENSITIVITY = {
    1: "no confidential data involved",
    2: "little confidential data involved",
    3: "some confidential or personal data involved",
    4: "confidential or personal data that would hurt if it leaked",
    5: "highly confidential data that should not leave the company",
}


# Every phrase that depends on one 1-5 value (or the complexity and skill pair), made once.
KNOWLEDGE_PHRASES = {
    (complexity, skill): f"Complexity {complexity}/5 and skill level {skill}/5: "
    + next(words for limit, words in KNOWLEDGE_LEVELS if (complexity + skill - 2) / 8 <= limit)
    for complexity in range(1, 6)
    for skill in range(1, 6)
}
STANDARDISATION_PHRASES = {
    value: f"Standardisation {value}/5: {words}" for value, words in STANDARDISATION.items()
}
STRATEGIC_PHRASES = {
    value: f"Strategic importance {value}/5: {words}" for value, words in STRATEGIC.items()
}
SENSITIVITY_PHRASES = {
    value: f"Data sensitivity {value}/5: {words}" for value, words in SENSITIVITY.items()
}


def knowledge(task, evaluation, answer, other, currency):
    return KNOWLEDGE_PHRASES[task.complexity, task.skill_level]


def standardisation(task, evaluation, answer, other, currency):
    return STANDARDISATION_PHRASES[task.standardisation]


def strategic(task, evaluation, answer, other, currency):
    return STRATEGIC_PHRASES[task.strategic_importance]


def sensitivity(task, evaluation, answer, other, currency):
    return SENSITIVITY_PHRASES[task.data_sensitivity]


def cost(task, evaluation, answer, other, currency):
    outsourced = answer if answer in (BPO, KPO) else other
    index = 0 if outsourced == BPO else 1
    monthly = evaluation.monthly[index]
    label = ANSWER_LABELS[outsourced]
    if monthly is None:
        return f"{label} is not possible here, so it saves nothing"
    in_house = task.monthly_cost
    where = evaluation.offers[index].where
    if in_house <= ZERO or monthly >= in_house:
        return (
            f"{label} {where} would cost about {currency} {monthly:,.0f} a month, "
            f"no less than the {currency} {in_house:,.0f} it costs in-house"
        )
    # The saving in whole percent, from the evaluation's floats of the two amounts when it
    # has them (hours given) and they round as the Decimals do; a third of the time.
    saving = None
    if evaluation.prices is not None:
        saving = whole_number((1.0 - evaluation.prices[index] / evaluation.in_house) * 100.0)
    if saving is None:
        saving = f"{(1 - monthly / in_house) * 100:.0f}"
    return (
        f"{label} {where} would cost about {currency} {monthly:,.0f} a month against "
        f"{currency} {in_house:,.0f} in-house, a saving of {saving}%"
    )


def whole_number(value):
    """A float rounded half-even to an int, or None when the float may not round as the
    exact value it stands for would: negative (a Decimal keeps the sign of -0), too large
    for its fraction to be trusted, or within a millionth of a half. The float is within
    1e-12 of that value here, so anywhere else both round to the same whole number."""
    if not 0.0 <= value < 1e12:
        return None
    rounded = round(value)
    if abs(abs(value - rounded) - 0.5) < 1e-6:
        return None
    return rounded


def catalog(task, evaluation, answer, other, currency):
    return catalog_phrase(task.service_type)


def catalog_phrase(service_type):
    if service_type is None:
        return "No catalog service type was chosen, so the catalog does not tip the balance"
    model = (
        "legal KPO (LPO)"
        if service_type.sourcing_model == "lpo"
        else (ANSWER_LABELS.get(service_type.sourcing_model, service_type.sourcing_model))
    )
    return f"The catalog lists {service_type.name} as {model} work"


def location_phrase(task, answer):
    return (
        f"{ANSWER_LABELS[answer]} is ruled out: none of the delivery locations you allow "
        f"is permitted for data sensitivity {task.data_sensitivity}/5"
        + (" and front-office work" if _front_office(task) else "")
    )


def _front_office(task):
    return task.service_type is not None and task.service_type.office == "front"


# The phrase for each factor, in FACTOR_ORDER; `answer` is the answer the factor favours.
PHRASES = (knowledge, standardisation, cost, strategic, sensitivity, catalog)
