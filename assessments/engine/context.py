"""Per-assessment constants, computed once so that scoring a task is mostly table lookups.

Everything here is the same for every task of an assessment: the weights normalised and
multiplied by the company's priorities, the points each 1-5 value gives each answer, the
delivery location and rate each sourcing model gets at each sensitivity level, and the
tables the what-if search walks. They come from the profile, market and company alone
(the what-if tables on first use, at most twelve), never from the values of the tasks
scored with it: the thousandth task costs what the first does. The tables cover the 1-5
scales; a value outside them is refused (ValueError). No Django, no database, no clock.
"""

from decimal import ROUND_HALF_UP, Decimal

from .costs import CostTerms
from .model import BPO, IN_HOUSE, KPO
from .scoring import (
    HOURS_PRECISION,
    NEUTRAL_CATALOG_FIT,
    ORIENTATION,
    OTHER_INDUSTRY_CATALOG_FIT,
    STEP_EFFECTS,
    normalise,
    priority_multiplier,
    scale,
    weights_in_order,
)
from .search import SearchTables

LPO = "lpo"
NO_HOURS = Decimal("0")
ONE_TO_FIVE = (1, 2, 3, 4, 5)
OFFICES = (False, True)  # front office?


class Offer:
    """Where one sourcing model would deliver and at what typical rate, with the cost points
    a task with estimated hours earns there: its saving share depends on the rates alone."""

    __slots__ = ("estimated_strength", "kind", "location", "rate", "typical", "where")

    def __init__(self, location, rate, profile, full_saving_ratio):
        self.location, self.rate = location, rate
        self.kind, self.where, self.typical = location.kind, location.name.lower(), rate.typical
        price = float(rate.typical * (1 + profile.governance_overhead))
        try:
            ratio = (1.0 - price / float(profile.in_house_hourly_rate)) / full_saving_ratio
        except ZeroDivisionError:  # refused by the profile's validation; fails per task instead
            self.estimated_strength = None
        else:
            self.estimated_strength = 0.0 if ratio < 0.0 else (ratio if ratio < 1.0 else 1.0)


class ServicePlan:
    """What one kind of service type means for scoring: the (BPO, KPO) offers at each
    sensitivity level (None where no location is permitted) and the catalog points."""

    __slots__ = ("catalog_bpo", "catalog_kpo", "offers")

    def __init__(self, context, kpo_model, front_office, fits):
        # Equal pairs are one tuple, so `is` tells the what-if search that a sensitivity
        # change keeps both offers (and with them the prices and cost points).
        pairs, self.offers = {}, {}
        for sensitivity in ONE_TO_FIVE:
            pair = (
                context.offer(BPO, sensitivity, front_office),
                context.offer(kpo_model, sensitivity, front_office),
            )
            self.offers[sensitivity] = pairs.setdefault(pair, pair)
        self.catalog_bpo = context.bpo_weights[5] * fits[0]
        self.catalog_kpo = context.kpo_weights[5] * fits[1]


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


def fits_for(model, fit):
    """Catalog fit (BPO, KPO) of a service type of this sourcing model."""
    return (fit, 0.0) if model == BPO else (0.0, fit)


def knowledge_levels(complexity):
    """(skill level, knowledge intensity k) for each skill level, k = (c + s - 2) / 8."""
    return ((skill, (complexity + skill - 2) / 8.0) for skill in ONE_TO_FIVE)
