"""Rate cards for tests, in a catalog where every region already has its three cards.

A card is unique per sourcing model and region, and the migrations give every region a
card for BPO, KPO and LPO, so a new card needs a region set free first.
"""

from catalog.models import RateCard, Region, SourcingModel
from catalog.regions import HOMES
from tests.factories import RateCardFactory

US_MARKET = HOMES["us"]  # {"onshore": "us", "nearshore": "latin-america", ...}


def default_card(model, kind):
    """The default US-market card of a sourcing model at a kind of location."""
    return RateCard.objects.get(sourcing_model=model, region=US_MARKET[kind])


def free_region(model=SourcingModel.BPO, region=Region.INDIA):
    RateCard.objects.filter(sourcing_model=model, region=region).delete()
    return region


def new_rate_card(**fields):
    """A RateCardFactory card, in a region first set free of the model's default card."""
    model = fields.pop("sourcing_model", SourcingModel.BPO)
    region = free_region(model, fields.pop("region", Region.INDIA))
    return RateCardFactory(sourcing_model=model, region=region, **fields)


def built_rate_card(**fields):
    """Like new_rate_card, but not saved: full_clean() finds its region free."""
    model = fields.pop("sourcing_model", SourcingModel.BPO)
    region = free_region(model, fields.pop("region", Region.INDIA))
    return RateCardFactory.build(sourcing_model=model, region=region, **fields)


def set_regional_cards_aside():
    """Delete every card outside the US market; the function returned puts them back."""
    regional = RateCard.objects.exclude(region__in=US_MARKET.values())
    rows = list(regional.values())
    regional.delete()
    return lambda: RateCard.objects.bulk_create(RateCard(**row) for row in rows)
