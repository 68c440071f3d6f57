"""The words of method v1's reasons: each restates the task's own value of one factor.

The texts are stored with v1's results, so they must stay byte for byte as v1 wrote them
(docs/scoring-v1.md section 7). This module only words; it does not decide which reasons are
shown or what they weigh (engine.v1.reasons).
"""

from ..model import ANSWER_LABELS, BPO, KPO

KNOWLEDGE_LEVELS = (  # (highest knowledge intensity k, words)
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

# The 1-5 values are written as whole numbers (int): v1 worded them from its 1-5 tables,
# so a value given as 3.0 reads "3/5". The location phrase below is the exception.


def knowledge_phrase(task):
    complexity, skill = int(task.complexity), int(task.skill_level)
    k = (complexity + skill - 2) / 8
    words = next(words for limit, words in KNOWLEDGE_LEVELS if k <= limit)
    return f"Complexity {complexity}/5 and skill level {skill}/5: {words}"


def standardisation_phrase(task):
    value = int(task.standardisation)
    return f"Standardisation {value}/5: {STANDARDISATION[value]}"


def strategic_phrase(task):
    value = int(task.strategic_importance)
    return f"Strategic importance {value}/5: {STRATEGIC[value]}"


def sensitivity_phrase(task):
    value = int(task.data_sensitivity)
    return f"Data sensitivity {value}/5: {SENSITIVITY[value]}"


def catalog_phrase(task):
    service_type = task.service_type
    if service_type is None:
        return "No catalog service type was chosen, so the catalog does not tip the balance"
    model = service_type.sourcing_model
    label = "legal KPO (LPO)" if model == "lpo" else ANSWER_LABELS.get(model, model)
    return f"The catalog lists {service_type.name} as {label} work"


def location_phrase(task, answer):
    """Why an outsourcing answer is ruled out; the sensitivity as the task gives it."""
    front = task.service_type is not None and task.service_type.office == "front"
    return (
        f"{ANSWER_LABELS[answer]} is ruled out: none of the delivery locations you allow "
        f"is permitted for data sensitivity {task.data_sensitivity}/5"
        + (" and front-office work" if front else "")
    )


def cost_phrase(evaluation, favoured, other, currency):
    """The outsourced price against today's cost, for the outsourcing answer among the
    factor's favoured one and the other (the favoured one if both are)."""
    outsourced = favoured if favoured in (BPO, KPO) else other
    label, monthly = ANSWER_LABELS[outsourced], evaluation.monthly[outsourced]
    if monthly is None:
        return f"{label} is not possible here, so it saves nothing"
    in_house = evaluation.task.monthly_cost
    where = evaluation.offers[outsourced].location.name.lower()
    if in_house <= 0 or monthly >= in_house:
        return (
            f"{label} {where} would cost about {currency} {monthly:,.0f} a month, "
            f"no less than the {currency} {in_house:,.0f} it costs in-house"
        )
    saving = f"{(1 - monthly / in_house) * 100:.0f}"
    return (
        f"{label} {where} would cost about {currency} {monthly:,.0f} a month against "
        f"{currency} {in_house:,.0f} in-house, a saving of {saving}%"
    )


def scale_what_if_phrase(label, current, changed_to, answer):
    # Whole numbers, as v1 worded its 1-5 what-ifs (see above).
    return (
        f"If {label} were {int(changed_to)} instead of {int(current)}, "
        f"the answer would be {ANSWER_LABELS[answer]}."
    )


def cost_what_if_phrase(current, changed_to, answer):
    return (
        f"If the in-house cost were {changed_to:,} a month instead of {current:,}, "
        f"the answer would be {ANSWER_LABELS[answer]}."
    )
