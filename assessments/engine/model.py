"""The engine's plain data: what goes in (profile, market, company, tasks) and what comes out.

Inputs are frozen dataclasses, safe to share. Reasons and what-ifs are named tuples, as
immutable: the engine makes most of them once per assessment and gives the same object to
every task that has it, and makes the rest (a cost reason, a cost what-if) per task, where
a named tuple takes a third of the time of a frozen dataclass. The other per-task outputs
are plain slots dataclasses: building a frozen one costs about three times as much. No
behaviour beyond a few derived values. No Django, no database, no clock.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

BPO, KPO, IN_HOUSE = "bpo", "kpo", "in_house"
ANSWERS = (BPO, KPO, IN_HOUSE)
OUTSOURCED = (BPO, KPO)
ANSWER_LABELS = {BPO: "BPO", KPO: "KPO", IN_HOUSE: "in-house"}
# Tie rule: scores equal to one decimal go to the answer easiest to undo.
TIE_PREFERENCE = {IN_HOUSE: 2, KPO: 1, BPO: 0}
LOCATION_KINDS = ("onshore", "nearshore", "offshore")
SCALE_FACTORS = (
    "complexity",
    "skill_level",
    "standardisation",
    "strategic_importance",
    "data_sensitivity",
)
FACTOR_LABELS = {
    "complexity": "complexity",
    "skill_level": "skill level",
    "standardisation": "standardisation",
    "strategic_importance": "strategic importance",
    "data_sensitivity": "data sensitivity",
    "monthly_cost": "in-house cost",
}
REASONS_SHOWN = 4
MIN_REASON_POINTS = 0.5


# --- Inputs ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Profile:
    """A consultant's scoring profile: weights, thresholds and cost assumptions."""

    version: int = 0
    weight_fit: float = 30.0
    weight_standardisation_bpo: float = 25.0
    weight_cost: float = 25.0
    weight_strategic_outsourced: float = 10.0
    weight_sensitivity_outsourced: float = 10.0
    weight_catalog: float = 10.0
    weight_strategic_in_house: float = 35.0
    weight_sensitivity_in_house: float = 30.0
    weight_standardisation_in_house: float = 20.0
    full_saving_ratio: float = 0.5
    no_offshore_sensitivity: int = 4
    onshore_only_sensitivity: int = 5
    front_office_min_overlap_hours: int = 4
    governance_overhead: Decimal = Decimal("0.08")
    transition_months: int = 3
    productivity_dip: Decimal = Decimal("0.20")
    productivity_dip_months: int = 12
    in_house_hourly_rate: Decimal = Decimal("44.67")
    confidence_high_margin: float = 15.0
    confidence_medium_margin: float = 5.0
    # Method 2 (docs/scoring.md): one weight per factor, shared by every answer, and the
    # rules that keep the advice in line with its own money. Method 1 ignores these.
    method: int = 1
    weight_standardisation: float = 15.0
    weight_strategic: float = 30.0
    weight_sensitivity: float = 15.0
    weight_location: float = 10.0
    horizon_months: int = 36
    bpo_skill_ceiling: int = 3
    bpo_complexity_ceiling: int = 3
    bpo_min_saving: float = 0.10
    kpo_premium_min_skill: int = 4
    kpo_max_premium: float = 0.25
    min_contract_hours: Decimal = Decimal("40")
    transition_fixed_cost: Decimal = Decimal("5000")
    transfer_months_min: Decimal = Decimal("1")
    transfer_months_max: Decimal = Decimal("6")
    parallel_running_share: Decimal = Decimal("0.5")


# Method 2's values of the weights it shares with method 1 (docs/scoring.md, "Method 2").
METHOD_2 = {"method": 2, "weight_fit": 25.0, "weight_cost": 30.0, "weight_catalog": 5.0}


def method_2_profile(**changes):
    """The default method 2 profile, with `changes`."""
    return Profile(**(METHOD_2 | changes))


@dataclass(frozen=True, slots=True)
class Location:
    kind: str
    name: str
    overlap_hours: int


@dataclass(frozen=True, slots=True)
class Rate:
    low: Decimal
    typical: Decimal
    high: Decimal


@dataclass(frozen=True, slots=True)
class Market:
    """Delivery locations and hourly rates by (sourcing model, location kind), one currency."""

    currency: str
    locations: tuple[Location, ...]
    rates: dict[tuple[str, str], Rate]
    symbol: str | None = None  # method 2 writes amounts with it ("£1,234"), else the code


@dataclass(frozen=True, slots=True)
class ServiceTypeInfo:
    slug: str
    name: str
    sourcing_model: str  # bpo, kpo or lpo
    office: str = "back"
    industries: frozenset[str] = frozenset()  # empty: horizontal


@dataclass(frozen=True, slots=True)
class Company:
    industry: str | None = None
    allowed_locations: frozenset[str] = frozenset(LOCATION_KINDS)
    priority_cost: int = 3
    priority_quality: int = 3
    priority_control: int = 3


@dataclass(frozen=True, slots=True)
class TaskInput:
    name: str
    complexity: int
    skill_level: int
    monthly_cost: Decimal
    hours_per_month: Decimal | None = None
    strategic_importance: int = 3
    data_sensitivity: int = 3
    standardisation: int = 3
    service_type: ServiceTypeInfo | None = None
    # The 1-5 inputs the owner did not rate (left at the default 3): method 2 counts them
    # against its confidence and the report names them.
    assumed: frozenset[str] = frozenset()


# --- Outputs -----------------------------------------------------------------------------


class Reason(NamedTuple):
    factor: str
    text: str
    favours: str
    points: float


class WhatIf(NamedTuple):
    factor: str
    current: object
    changed_to: object
    new_recommendation: str
    text: str


@dataclass(slots=True)
class OptionCost:
    """What one answer costs for one task; in-house has no location, transition or break-even."""

    answer: str
    available: bool
    location: str | None
    hourly_rate: Decimal | None
    monthly: Decimal
    transition: Decimal
    year1: Decimal
    year3: Decimal
    break_even_month: int | None
    horizon_total: Decimal | None = None  # method 2: the total over the profile's horizon
    transfer_months: Decimal | None = None  # method 2: months of knowledge transfer


def unavailable_cost(answer):
    """An outsourcing answer that cannot be priced: nothing to pay, never breaks even."""
    zero = Decimal("0")
    return OptionCost(
        answer=answer,
        available=False,
        location=None,
        hourly_rate=None,
        monthly=zero,
        transition=zero,
        year1=zero,
        year3=zero,
        break_even_month=None,
    )


@dataclass(frozen=True, slots=True)
class PlanTotals:
    monthly: Decimal
    transition: Decimal
    year1: Decimal
    year3: Decimal


@dataclass(slots=True)
class TaskResult:
    name: str
    scores: dict[str, float]
    recommendation: str
    confidence: int
    confidence_label: str
    reasons: tuple[Reason, ...]
    delivery_location: str | None
    costs: dict[str, OptionCost]
    what_if: WhatIf | None
    hours_estimated: bool
    # Method 2: plain-words notes beside the reasons (volume, assumed inputs, regulation,
    # a plan that costs more), and the horizon its totals cover.
    notes: tuple[str, ...] = ()
    horizon_months: int = 36
    hours: Decimal | None = None

    @property
    def recommended_cost(self):
        return self.costs[self.recommendation]

    @property
    def outsourced_cost(self):
        """The cost of the best outsourcing answer: the recommended one, else the higher
        scored, ties going to KPO as in the tie rule (and as the delivery location does)."""
        if self.recommendation != IN_HOUSE:
            return self.costs[self.recommendation]
        best = BPO if self.scores[BPO] > self.scores[KPO] else KPO
        return self.costs[best]

    @property
    def monthly_saving(self):
        return self.costs[IN_HOUSE].monthly - self.recommended_cost.monthly


@dataclass(frozen=True, slots=True)
class PortfolioSummary:
    task_count: int
    counts: dict[str, int]
    current: PlanTotals
    plan: PlanTotals
    break_even_month: int | None

    @property
    def saving_monthly(self):
        return self.current.monthly - self.plan.monthly

    @property
    def saving_year1(self):
        return self.current.year1 - self.plan.year1

    @property
    def saving_year3(self):
        return self.current.year3 - self.plan.year3
