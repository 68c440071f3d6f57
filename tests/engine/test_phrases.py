"""The cost reason's saving, worked out from floats where that is safe.

`phrases.cost` rounds the saving to a whole percent from the floats the evaluation already
holds, and falls back to the Decimals where a float could round the other way. The text is
checked against formatting the Decimals themselves, which is what it means.
"""

from decimal import Decimal
from types import SimpleNamespace

from hypothesis import example, given
from hypothesis import strategies as st

from assessments.engine.model import BPO, KPO
from assessments.engine.phrases import cost, whole_number

# Amounts as entered (cents), and amounts with long fractions, some a hair from a half.
CENTS = st.decimals(min_value=0, max_value=10**9, places=2)
NEAR_HALVES = st.builds(
    lambda whole_part, exponent, sign: (
        Decimal(whole_part) + Decimal("0.5") + sign * Decimal(10) ** -exponent
    ),
    st.integers(0, 10**9),
    st.integers(1, 25),
    st.sampled_from((-1, 0, 1)),
)
AMOUNTS = st.one_of(CENTS, NEAR_HALVES, st.decimals(min_value=0, max_value=10**15, places=6))
# (provider, in-house) whose saving is a whole percent and a half, give or take a hair.
NEAR_HALF_SAVINGS = st.builds(
    lambda tenths, exponent, sign: (
        Decimal(tenths * 10 + 5),
        Decimal(1000) + sign * Decimal(10) ** -exponent,
    ),
    st.integers(0, 99),
    st.integers(1, 25),
    st.sampled_from((-1, 0, 1)),
)


def test_a_float_is_not_trusted_near_a_half_nor_below_zero():
    assert whole_number(2.5000000001) is None
    assert whole_number(-0.2) is None
    assert whole_number(1e13) is None
    assert whole_number(2.4) == 2
    assert whole_number(2.6) == 3


def evaluation(monthly, in_house, hours_given):
    """What `phrases.cost` reads of an evaluation: BPO priced, KPO not available."""
    return SimpleNamespace(
        monthly=(monthly, None),
        prices=(float(monthly), None) if hours_given and in_house > 0 else None,
        in_house=float(in_house) if hours_given and in_house > 0 else None,
        offers=(SimpleNamespace(where="offshore"), None),
    )


def decimal_wording(monthly, in_house):
    if in_house <= 0 or monthly >= in_house:
        return (
            f"BPO offshore would cost about USD {monthly:,.0f} a month, "
            f"no less than the USD {in_house:,.0f} it costs in-house"
        )
    saving = (1 - monthly / in_house) * 100
    return (
        f"BPO offshore would cost about USD {monthly:,.0f} a month against "
        f"USD {in_house:,.0f} in-house, a saving of {saving:.0f}%"
    )


@given(st.one_of(st.tuples(CENTS, AMOUNTS), NEAR_HALF_SAVINGS), st.booleans())
@example((Decimal("125"), Decimal("1000")), True)  # a saving of exactly 87.5 %
@example((Decimal("135"), Decimal("1000.0000000000001")), True)  # a hair over 86.5 %
@example((Decimal("1234.50"), Decimal("2469.00")), True)
@example((Decimal("10.00"), Decimal("10.00")), True)
@example((Decimal("5.00"), Decimal("0")), True)
def test_the_cost_reason_reads_as_the_decimals_formatted(amounts, hours_given):
    monthly, in_house = amounts
    task = SimpleNamespace(monthly_cost=in_house)
    text = cost(task, evaluation(monthly, in_house, hours_given), BPO, KPO, "USD")
    assert text == decimal_wording(monthly, in_house)
