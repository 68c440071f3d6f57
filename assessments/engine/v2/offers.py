"""Method 2's delivery offers: which provider models can do a task, and from where.

A provider model is offered only for work within its reach (BPO has a skill ceiling) and
only when the volume makes a contract viable. Among the locations the company allows and
the rate cards price, distance is not ruled out by a threshold: it costs points that grow
with data sensitivity, and customer-facing work pays for hours it does not share with the
client. Only the top of the sensitivity scale keeps the work onshore. Must not decide the
answer or word anything for the owner.
"""

from dataclasses import dataclass

from ..model import BPO, KPO, Location, Rate

# How far each kind of location takes the data and the work: the share of the location
# weight a fully sensitive task loses there.
DISTANCE = {"onshore": 0.0, "nearshore": 0.5, "offshore": 1.0}
WORKING_DAY_HOURS = 8
# Customer-facing work served from a location sharing no hours with the client loses this
# share of the location weight: offshore contact centres work the client's hours in shifts,
# so the gap costs some points (night shifts, language cover), it does not rule them out.
NO_OVERLAP_SHARE = 0.5


@dataclass(frozen=True)
class Offer:
    location: Location
    rate: Rate
    hourly_rate: object  # Decimal: the rate card's typical figure, or low / high to test
    distance_penalty: float  # 0..1, of the location weight


def rate_model(answer, task):
    """The rate cards an answer is priced with: KPO answers for legal work use LPO cards."""
    service = task.service_type
    if answer == KPO and service is not None and service.sourcing_model == "lpo":
        return "lpo"
    return answer


def above_bpo_ceiling(task, profile):
    """Work that needs more than a BPO provider staffs for: degree-level skills or cases
    that each need weighing options (docs/scoring.md, "Skill ceiling")."""
    return (
        task.skill_level > profile.bpo_skill_ceiling
        or task.complexity > profile.bpo_complexity_ceiling
    )


def front_office(task):
    return task.service_type is not None and task.service_type.office == "front"


def distance_penalty(location, task):
    """Share of the location weight lost by delivering from `location`: sensitivity times
    distance, plus missing shared hours for customer-facing work."""
    sensitivity = (task.data_sensitivity - 1) / 4
    penalty = sensitivity * DISTANCE[location.kind]
    if front_office(task):
        missing = max(0, WORKING_DAY_HOURS - location.overlap_hours) / WORKING_DAY_HOURS
        penalty += NO_OVERLAP_SHARE * missing
    return penalty


def permitted(location, task, company, profile):
    if location.kind not in company.allowed_locations:
        return False
    return location.kind == "onshore" or task.data_sensitivity < profile.onshore_only_sensitivity


def candidate_offers(answer, task, context, price="typical"):
    """Every location the answer could be delivered from, with its rate and penalty;
    `price` picks the rate card's low, typical or high figure."""
    model = rate_model(answer, task)
    offers = []
    for location in context.market.locations:
        rate = context.market.rates.get((model, location.kind))
        if rate is not None and permitted(location, task, context.company, context.profile):
            hourly = getattr(rate, price)
            offers.append(Offer(location, rate, hourly, distance_penalty(location, task)))
    return offers


def offered(answer, task, profile):
    """Can this provider model take the work at all? BPO stops at its skill ceiling."""
    return answer != BPO or not above_bpo_ceiling(task, profile)
