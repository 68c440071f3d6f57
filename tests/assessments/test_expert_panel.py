"""The expert panel: realistic tasks judged as an outsourcing specialist would, scored with
what ships (the current scoring profile and the catalog's rate cards, as migrated).

Every clear case must get the panel's answer; borderline cases are judgement calls, so their
agreement is printed, not asserted. The cases and how they were judged:
tests/engine/data/expert_panel.json and its README.
"""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from assessments import engine
from assessments.profiles import ScoringProfile
from assessments.snapshots import market_from_snapshot, market_snapshot, service_type_info
from catalog.models import ServiceType

pytestmark = pytest.mark.django_db

PANEL = Path(__file__).parent.parent / "engine" / "data" / "expert_panel.json"
CASES = json.loads(PANEL.read_text())["cases"]


def case_input(case, service_types):
    hours = case["hours_per_month"]
    return engine.TaskInput(
        name=case["name"],
        complexity=case["complexity"],
        skill_level=case["skill_level"],
        standardisation=case["standardisation"],
        strategic_importance=case["strategic_importance"],
        data_sensitivity=case["data_sensitivity"],
        monthly_cost=Decimal(case["monthly_cost"]),
        hours_per_month=None if hours is None else Decimal(hours),
        service_type=service_types.get(case["service_type"]),
    )


def panel_answers():
    """(case, the answer the shipped defaults give) for every case."""
    profile = ScoringProfile.objects.current().as_engine_profile()
    market = market_from_snapshot(market_snapshot("USD"))
    service_types = {
        service.slug: service_type_info(service)
        for service in ServiceType.objects.published().prefetch_related("industries")
    }
    answers = []
    for case in CASES:
        company = engine.Company(
            industry=case["industry"], allowed_locations=frozenset(case["allowed_locations"])
        )
        context = engine.Context(profile, market, company)
        result = engine.assess_task(case_input(case, service_types), context)
        answers.append((case, result))
    return answers


def test_the_panel_is_large_and_varied_enough():
    clear = [case for case in CASES if case["clear"]]
    assert len(CASES) >= 40
    assert len(clear) >= 30
    assert {case["expected"] for case in clear} == {"bpo", "kpo", "in_house"}
    assert len({case["industry"] for case in CASES} - {None}) >= 9


def test_every_clear_case_gets_the_panels_answer(capsys):
    answers = panel_answers()
    wrong = [
        f"{case['id']}: expected {case['expected']}, got {result.recommendation} "
        f"{result.scores} ({case['rationale']})"
        for case, result in answers
        if case["clear"] and result.recommendation != case["expected"]
    ]
    borderline = [(case, result) for case, result in answers if not case["clear"]]
    agreed = sum(result.recommendation == case["expected"] for case, result in borderline)
    with capsys.disabled():
        clear_count = len(answers) - len(borderline)
        print(
            f"\nExpert panel: {clear_count - len(wrong)} of {clear_count} clear cases agree; "
            f"{agreed} of {len(borderline)} borderline cases agree"
        )
        for case, result in borderline:
            if result.recommendation != case["expected"]:
                print(
                    f"  borderline {case['id']}: panel {case['expected']}, "
                    f"advisor {result.recommendation}"
                )
    assert not wrong, "\n".join(wrong)


def test_the_panel_runs_on_method_2():
    assert ScoringProfile.objects.current().method == ScoringProfile.Method.SHARED_WEIGHTS
