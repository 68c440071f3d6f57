"""Where each sourcing model would deliver a task, and what a service type means for scoring.

Per-assessment objects that `Context` makes once: an `Offer` per sourcing model and
location, and a `ServicePlan` per kind of service type (sourcing model, front or back
office, catalog fit). No Django, no database, no clock.
"""

from decimal import ROUND_HALF_UP

from .costs import CENT
from .model import BPO
from .scoring import saving_strength

ONE_TO_FIVE = (1, 2, 3, 4, 5)


class Offer:
    """Where one sourcing model would deliver and at what typical rate, with the cost points
    a task with estimated hours earns there: its saving share depends on the rates alone."""

    __slots__ = ("estimated_strength", "kind", "location", "rate", "typical", "where")

    def __init__(self, location, rate, profile, full_saving_ratio):
        self.location, self.rate = location, rate
        self.kind, self.where, self.typical = location.kind, location.name.lower(), rate.typical
        price = float(rate.typical * (1 + profile.governance_overhead))
        try:
            self.estimated_strength = saving_strength(
                price, float(profile.in_house_hourly_rate), full_saving_ratio
            )
        except ZeroDivisionError:  # refused by the profile's validation; fails per task instead
            self.estimated_strength = None


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


def monthly_price(hours, offer, overhead_factor):
    """Hours x the offer's typical rate x (1 + governance overhead), to the cent (section 6)."""
    return (hours * offer.typical * overhead_factor).quantize(CENT, ROUND_HALF_UP)


def fits_for(model, fit):
    """Catalog fit (BPO, KPO) of a service type of this sourcing model."""
    return (fit, 0.0) if model == BPO else (0.0, fit)
