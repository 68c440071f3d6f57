"""Where an outsourcing answer would deliver a task, and at what typical hourly rate.

docs/scoring-v1.md section 5: among the locations that pass every rule (allowed by the
company, sensitivity thresholds, front-office overlap) and have a rate card for the
sourcing model, the lowest typical rate wins; equal rates go to the location with more
overlap hours, then to the kind that sorts first. This module only chooses; it does not
price, score or remember anything.
"""

from dataclasses import dataclass

from ..model import BPO, KPO

LPO = "lpo"


@dataclass(frozen=True)
class Offer:
    """A delivery location and the rate card it is priced with."""

    location: object  # model.Location
    rate: object  # model.Rate

    @property
    def kind(self):
        return self.location.kind

    @property
    def typical(self):
        return self.rate.typical


def rate_models(service_type):
    """{answer: sourcing model of the rate cards}: legal work is KPO priced with LPO cards."""
    legal = service_type is not None and service_type.sourcing_model == LPO
    return {BPO: BPO, KPO: LPO if legal else KPO}


def is_front_office(service_type):
    return service_type is not None and service_type.office == "front"


def best_offer(scoring, rate_model, sensitivity, front_office):
    """The cheapest permitted Offer for a sourcing model, or None if no location passes."""
    candidates = [
        Offer(location=location, rate=scoring.market.rates[rate_model, location.kind])
        for location in scoring.market.locations
        if (rate_model, location.kind) in scoring.market.rates
        and permitted(scoring, location, sensitivity, front_office)
    ]
    if not candidates:
        return None
    return min(candidates, key=preference)


def preference(offer):
    # Lowest rate first; on equal rates, more shared working hours; then the kind's name.
    return offer.rate.typical, -offer.location.overlap_hours, offer.location.kind


def permitted(scoring, location, sensitivity, front_office):
    profile = scoring.profile
    if location.kind not in scoring.company.allowed_locations:
        return False
    if sensitivity >= profile.onshore_only_sensitivity and location.kind != "onshore":
        return False
    if sensitivity >= profile.no_offshore_sensitivity and location.kind == "offshore":
        return False
    return not (front_office and location.overlap_hours < profile.front_office_min_overlap_hours)
