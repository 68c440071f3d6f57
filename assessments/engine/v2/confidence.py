"""Method 2's confidence: how sure the answer is, from its lead and what it rests on.

The lead over the alternative gives 50 % (level) to 95 % (twice the profile's high margin
or more); never 100, as this is advice, not a quote. Each input taken as a default, hours
estimated from cost, and a saving that does not hold across the rate card's range take
points off; an answer that costs more than keeping the work is held below high. "High"
is earned only with every input rated, hours given, a lead of at least 80 % and money that
holds; otherwise the percent stays under 80. Must not change the answer.
"""

from ..model import IN_HOUSE
from . import decision

BASE, SPAN = 50, 45
PER_ASSUMED_INPUT = 5
HOURS_ESTIMATED = 10
COST_UNCERTAIN = 10
COSTS_MORE_CEILING = 69
HIGH_FROM, MEDIUM_FROM = 80, 60


def lead_strength(evaluation, profile):
    """0..1: the score lead, or how clearly a rule decided when one did."""
    answer, other = evaluation.answer, evaluation.runner_up
    margin = evaluation.scores[answer] - evaluation.scores[other]
    strength = max(0.0, margin) / (2 * profile.confidence_high_margin)
    if answer == IN_HOUSE:
        strength = max(strength, rule_strength(evaluation.options[other], evaluation, profile))
    return min(1.0, strength)


def rule_strength(option, evaluation, profile):
    """How far the task is from the rule that kept the work in-house (0 when none did)."""
    if option.blocked == decision.TOO_SMALL:
        return 1 - float(evaluation.hours / profile.min_contract_hours)
    if option.blocked in (decision.COSTS_MORE, decision.SAVES_TOO_LITTLE) and option.saving:
        # Full strength when the option would cost twice the full-saving share more (100 %
        # by default): a price estimate can easily be a third out either way.
        threshold = profile.bpo_min_saving if option.answer != "kpo" else 0.0
        return min(1.0, abs(option.saving - threshold) / (2 * profile.full_saving_ratio))
    return 0.0


def confidence(evaluation, profile, cost_uncertain):
    """(percent, label)."""
    assumed = len(evaluation.task.assumed)
    percent = BASE + SPAN * lead_strength(evaluation, profile)
    percent -= PER_ASSUMED_INPUT * assumed
    percent -= HOURS_ESTIMATED if evaluation.hours_estimated else 0
    percent -= COST_UNCERTAIN if cost_uncertain else 0
    premium = evaluation.answer != IN_HOUSE and evaluation.options[evaluation.answer].premium
    if premium:
        percent = min(percent, COSTS_MORE_CEILING)
    if assumed or evaluation.hours_estimated or cost_uncertain:
        percent = min(percent, HIGH_FROM - 1)
    percent = max(0, round(percent))
    if percent >= HIGH_FROM:
        return percent, "high"
    return percent, "medium" if percent >= MEDIUM_FROM else "low"


def cost_uncertain(evaluation, context):
    """Does the answer change at the far end of the rate cards' range? An outsourcing
    answer is tested at the high rates, keeping the work at the low ones."""
    price = "high" if evaluation.answer != IN_HOUSE else "low"
    return decision.evaluate(evaluation.task, context, price).answer != evaluation.answer
