"""Clear-cut task answers shared by the assessments tests.

Reasoned from the default weights rather than read off the engine, so a test that expects
ROUTINE to go to BPO or CORE_AND_SECRET to stay in-house checks the method, not a snapshot.
"""

from decimal import Decimal

ROUTINE = {  # simple, written-down, unimportant, public, and far cheaper offshore
    "complexity": 1,
    "skill_level": 1,
    "standardisation": 5,
    "strategic_importance": 1,
    "data_sensitivity": 1,
    "monthly_cost": Decimal("10000.00"),
    "hours_per_month": Decimal("100"),
}
CORE_AND_SECRET = {  # every in-house factor at full strength
    "complexity": 3,
    "skill_level": 3,
    "standardisation": 1,
    "strategic_importance": 5,
    "data_sensitivity": 5,
    "monthly_cost": Decimal("4000.00"),
    "hours_per_month": Decimal("80"),
}
MIDDLING = {  # no factor at an extreme, so any change of weights moves its scores
    "complexity": 3,
    "skill_level": 2,
    "standardisation": 3,
    "strategic_importance": 3,
    "data_sensitivity": 2,
    "monthly_cost": Decimal("6000.00"),
    "hours_per_month": Decimal("120"),
}
