"""Per-assessment constants, computed once so that scoring a task is mostly table lookups.

Everything here is the same for every task of an assessment: the weights normalised and
multiplied by the company's priorities, the points each 1-5 value gives each answer, the
delivery location and rate each sourcing model gets at each sensitivity level, and the
tables the what-if search walks. They come from the profile, market and company alone
(the what-if tables on first use, at most twelve). The tables cover the 1-5 scales; a value
outside them is refused (ValueError).

A context also keeps what it has worked out for each shape of task it has scored (its
five 1-5 values and service type: engine.evaluate.Shape, engine.verdicts), for each race
between two answers (engine.explain) and for each amount of hours given at each offer (the
monthly price), so a later task of a shape or hours already seen costs less. These caches
are bounded (at most 5^5 shapes per service type, a price per task), last as long as the
context (one assessment's scoring) and change no result. No Django, no database, no clock.
"""

from decimal import ROUND_HALF_UP, Decimal

from .costs import CostTerms
from .evaluate import Shape
from .model import BPO, IN_HOUSE, KPO
from .offers import ONE_TO_FIVE, Offer, ServicePlan, fits_for, monthly_price
from .scoring import (
    HOURS_PRECISION,
    NEUTRAL_CATALOG_FIT,
    ORIENTATION,
    OTHER_INDUSTRY_CATALOG_FIT,
    STEP_EFFECTS,
    confidence_label,
    confidence_percent,
    normalise,
    priority_multiplier,
    scale,
    weights_in_order,
)
from .search import SearchTables

LPO = "lpo"
NO_HOURS = Decimal("0")
OFFICES = (False, True)  # front office?


class Context:
    """Per-assessment constants: coefficients are score points for a factor at full strength."""

    def __init__(self, profile, market, company):
        self.profile, self.market, self.company = profile, market, company
        self.full_saving_ratio = profile.full_saving_ratio
        self.overhead_factor = 1 + profile.governance_overhead
        self.cost_terms = CostTerms(profile)
        self._weigh(profile, company)
        self._tabulate_points()
        self._offers, self._locations = {}, {}
        self.currency = market.currency
        # Filled as tasks need them: engine.explain's tables (one per race, at most 24),
        # the tasks' shapes (at most 5^5 per service type) and service types (`group_of`).
        self.reason_tables, self._shapes, self._groups = {}, {}, {}
        self._confidences = {}  # margin -> (percent, label)
        self._prices = {}  # (hours given, Offer) -> (monthly price, the same as a float)
        self.no_service = ServicePlan(self, KPO, False, (NEUTRAL_CATALOG_FIT,) * 2)
        self._plans = {
            (model, front_office, fit): ServicePlan(
                self, LPO if model == LPO else KPO, front_office, fits_for(model, fit)
            )
            for model in (BPO, KPO, LPO)
            for front_office in OFFICES
            for fit in (1.0, OTHER_INDUSTRY_CATALOG_FIT)
        }
        self.search = SearchTables(self.slopes, self.directions, self.sensitivity_points)

    def _weigh(self, p, company):
        bpo = {
            "knowledge": p.weight_fit,
            "standardisation": p.weight_standardisation_bpo,
            "cost": p.weight_cost,
            "strategic_importance": p.weight_strategic_outsourced,
            "data_sensitivity": p.weight_sensitivity_outsourced,
            "catalog": p.weight_catalog,
        }
        kpo = {key: bpo[key] for key in bpo if key != "standardisation"}
        in_house = {
            "strategic_importance": p.weight_strategic_in_house,
            "data_sensitivity": p.weight_sensitivity_in_house,
            "standardisation": p.weight_standardisation_in_house,
        }
        outsourced = {
            "knowledge": priority_multiplier(company.priority_quality),
            "cost": priority_multiplier(company.priority_cost),
        }
        control = priority_multiplier(company.priority_control)
        control = {"strategic_importance": control, "data_sensitivity": control}
        self.coefficients = {
            BPO: normalise(bpo, outsourced),
            KPO: normalise(kpo, outsourced),
            IN_HOUSE: normalise(in_house, control),
        }
        self.bpo_weights = weights_in_order(self.coefficients[BPO])
        self.kpo_weights = weights_in_order(self.coefficients[KPO])
        self.in_house_weights = weights_in_order(self.coefficients[IN_HOUSE])
        self.cost_weights = (self.bpo_weights[2], self.kpo_weights[2])
        self._slopes_and_directions()

    def _slopes_and_directions(self):
        # Raw score change per one-step rise of each 1-5 factor, as (BPO, KPO, in-house).
        self.slopes = {
            factor: tuple(
                ORIENTATION[key][answer] * share * self.coefficients[answer].get(key, 0.0)
                for answer in (BPO, KPO, IN_HOUSE)
            )
            for factor, (key, share) in STEP_EFFECTS.items()
        }
        # For each top answer and 1-5 factor: can lowering / raising it let another answer
        # gain on the top one? (If not, the what-if search need not look that way.)
        self.directions = {
            top: {
                factor: (
                    any(slopes[other] < slopes[index] for other in range(3) if other != index),
                    any(slopes[other] > slopes[index] for other in range(3) if other != index),
                )
                for factor, slopes in self.slopes.items()
            }
            for index, top in enumerate((BPO, KPO, IN_HOUSE))
        }

    def _tabulate_points(self):
        """Points per 1-5 value, each computed as `weight x factor` exactly as the method
        writes it, so adding them up gives the scores to the last bit."""
        bpo, kpo, in_house = self.bpo_weights, self.kpo_weights, self.in_house_weights
        self.knowledge_points = {
            complexity: {
                skill: (bpo[0] * (1.0 - knowledge), kpo[0] * knowledge)
                for skill, knowledge in knowledge_levels(complexity)
            }
            for complexity in ONE_TO_FIVE
        }
        self.standardisation_points = {
            value: (bpo[1] * scale(value), in_house[1] * (1.0 - scale(value)))
            for value in ONE_TO_FIVE
        }
        self.strategic_points, self.sensitivity_points = (
            {
                value: (
                    bpo[index] * (1.0 - scale(value)),
                    kpo[index] * (1.0 - scale(value)),
                    in_house[index] * scale(value),
                )
                for value in ONE_TO_FIVE
            }
            for index in (3, 4)
        )

    def plan_for(self, service_type):
        if service_type is None:
            return self.no_service
        fit = 1.0
        if service_type.industries and self.company.industry not in service_type.industries:
            fit = OTHER_INDUSTRY_CATALOG_FIT
        model = service_type.sourcing_model
        return self._plans[
            model if model in (BPO, LPO) else KPO, service_type.office == "front", fit
        ]

    def confidence(self, margin):
        """(percent, label) for a margin between the top two scores (one decimal, so at
        most a thousand or so per context), each worked out once."""
        found = self._confidences.get(margin)
        if found is None:
            found = confidence_percent(margin, self.profile), confidence_label(margin, self.profile)
            self._confidences[margin] = found
        return found

    def shape_for(self, task):
        """The task's Shape, made the first time a task of its shape is scored: its five 1-5
        values within its service type's group (`group_of`)."""
        group = self._groups.get(id(task.service_type)) or self.group_of(task.service_type)
        shapes = group[1]
        key = (
            task.complexity,
            task.skill_level,
            task.standardisation,
            task.strategic_importance,
            task.data_sensitivity,
        )
        shape = shapes.get(key)
        if shape is None:
            shape = shapes[key] = Shape(task, self, group[2])
        return shape

    def group_of(self, service_type):
        """(service type, shapes, ServicePlan) for a service type (or None), kept by the
        object's identity: an id is cheaper to look up than a frozen dataclass's hash, and
        the entry holds the object, so its id stays its own while the context lives.
        Service types alike in plan, name and sourcing model share their shapes: the plan
        gives the points and offers, the name and model the catalog reason's words."""
        if service_type is None:
            plan, alike = self.no_service, (None, None, None)
        else:
            plan = self.plan_for(service_type)
            alike = (plan, service_type.name, service_type.sourcing_model)
        shapes = self._shapes.setdefault(alike, {})
        group = self._groups[id(service_type)] = (service_type, shapes, plan)
        return group

    def price(self, hours, offer):
        """(monthly price, the same as a float) of a task's given hours at an offer: hours x
        typical rate x (1 + governance overhead), to the cent (section 6). Worked out once
        per context for each amount of hours and offer: people enter hours in round
        numbers, so tasks share them. Equal amounts written differently (40, 40.0) get the
        same price, which is rounded to the cent either way."""
        key = (hours, offer)
        found = self._prices.get(key)
        if found is None:
            monthly = monthly_price(hours, offer, self.overhead_factor)
            found = self._prices[key] = (monthly, float(monthly))
        return found

    def estimated_hours(self, monthly_cost):
        rate = self.profile.in_house_hourly_rate
        if rate <= 0:
            return NO_HOURS
        return (monthly_cost / rate).quantize(HOURS_PRECISION, rounding=ROUND_HALF_UP)

    def offer(self, rate_model, sensitivity, front_office):
        """The Offer with the lowest typical rate among the permitted locations, or None.
        One Offer per location and model, so equal offers are the same object."""
        choice = self.location_for(rate_model, sensitivity, front_office)
        if choice is None:
            return None
        key = (rate_model, choice[0])
        if key not in self._offers:
            self._offers[key] = Offer(*choice, self.profile, self.full_saving_ratio)
        return self._offers[key]

    def location_for(self, rate_model, sensitivity, front_office):
        """(location, rate) with the lowest typical rate among those permitted, or None."""
        key = (rate_model, sensitivity, front_office)
        if key not in self._locations:
            self._locations[key] = self._choose_location(*key)
        return self._locations[key]

    def _choose_location(self, rate_model, sensitivity, front_office):
        candidates = [
            (rate.typical, -location.overlap_hours, location.kind, location, rate)
            for location in self.market.locations
            if self._permitted(location, sensitivity, front_office)
            and (rate := self.market.rates.get((rate_model, location.kind))) is not None
        ]
        if not candidates:
            return None
        *_, location, rate = min(candidates)
        return location, rate

    def _permitted(self, location, sensitivity, front_office):
        p = self.profile
        if location.kind not in self.company.allowed_locations:
            return False
        if sensitivity >= p.onshore_only_sensitivity and location.kind != "onshore":
            return False
        if sensitivity >= p.no_offshore_sensitivity and location.kind == "offshore":
            return False
        return not (front_office and location.overlap_hours < p.front_office_min_overlap_hours)


def knowledge_levels(complexity):
    """(skill level, knowledge intensity k) for each skill level, k = (c + s - 2) / 8."""
    return ((skill, (complexity + skill - 2) / 8.0) for skill in ONE_TO_FIVE)
