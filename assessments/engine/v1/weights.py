"""Method v1's weights: how many score points each factor gives each answer at full strength.

docs/scoring-v1.md section 3: each answer's weights are scaled so that they add up to 100, then
multiplied by the company's priority multipliers (priority / 3). Computed from the profile
and company each time they are needed; this module keeps nothing between calls, and it
knows nothing of tasks, money or locations.
"""

from dataclasses import dataclass

from ..model import BPO, IN_HOUSE, KPO

# The order the points of a score are added up in. Float addition is not associative, so
# this order is part of the method: the scores stored for v1 were added up in it.
FACTORS = (
    "knowledge",
    "standardisation",
    "cost",
    "strategic_importance",
    "data_sensitivity",
    "catalog",
)
NORMAL_PRIORITY = 3


@dataclass(frozen=True)
class Points:
    """Score points per factor for one answer; a factor an answer does not weigh gives 0."""

    knowledge: float = 0.0
    standardisation: float = 0.0
    cost: float = 0.0
    strategic_importance: float = 0.0
    data_sensitivity: float = 0.0
    catalog: float = 0.0

    def total(self):
        """The points added up one by one in FACTORS order, starting from 0.0."""
        return added_up(getattr(self, factor) for factor in FACTORS)


def weights_for(profile, company):
    """{answer: Points at full strength} for a profile and a company's priorities."""
    outsourced = {
        "knowledge": profile.weight_fit,
        "standardisation": profile.weight_standardisation_bpo,
        "cost": profile.weight_cost,
        "strategic_importance": profile.weight_strategic_outsourced,
        "data_sensitivity": profile.weight_sensitivity_outsourced,
        "catalog": profile.weight_catalog,
    }
    kpo = {factor: weight for factor, weight in outsourced.items() if factor != "standardisation"}
    in_house = {
        "strategic_importance": profile.weight_strategic_in_house,
        "data_sensitivity": profile.weight_sensitivity_in_house,
        "standardisation": profile.weight_standardisation_in_house,
    }
    quality = company.priority_quality / NORMAL_PRIORITY
    cost = company.priority_cost / NORMAL_PRIORITY
    control = company.priority_control / NORMAL_PRIORITY
    for_outsourcing = {"knowledge": quality, "cost": cost}
    for_in_house = {"strategic_importance": control, "data_sensitivity": control}
    return {
        BPO: Points(**normalised(outsourced, for_outsourcing)),
        KPO: Points(**normalised(kpo, for_outsourcing)),
        IN_HOUSE: Points(**normalised(in_house, for_in_house)),
    }


def normalised(weights, multipliers):
    """Weights scaled to add up to 100, times their priority multiplier (none if all are 0).
    The operations and their order are v1's: 100.0 x weight x multiplier / total."""
    total = added_up(weights.values(), start=0)
    if not total:
        return {}
    return {
        factor: 100.0 * weight * multipliers.get(factor, 1.0) / total
        for factor, weight in weights.items()
    }


def added_up(values, start=0.0):
    """Left to right from `start`, as Python 3.11's `sum` adds floats. Written out because
    later Pythons' `sum` compensates float errors, which would change v1's last bits."""
    total = start
    for value in values:
        total = total + value
    return total
