"""The service layer: profile versions, scoring, reproducing answers, creating assessments."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from assessments import services
from assessments.models import Assessment, Task
from assessments.profiles import (
    ONSHORE_BELOW_OFFSHORE,
    TRANSFER_ORDER,
    ProfileVersionFrozen,
    ScoringProfile,
)
from assessments.results import task_fields
from assessments.task_file import TaskRow
from catalog.models import RateCard, ServiceType
from tests.assessments.task_values import CORE_AND_SECRET, MIDDLING, ROUTINE
from tests.factories import ServiceTypeFactory, SubmittedAssessmentFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db

VERY_DIFFERENT_WEIGHTS = {
    # Method 1's own weights...
    "weight_fit": Decimal("5"),
    "weight_standardisation_bpo": Decimal("90"),
    "weight_cost": Decimal("2"),
    "weight_strategic_outsourced": Decimal("40"),
    "weight_sensitivity_outsourced": Decimal("1"),
    "weight_catalog": Decimal("0"),
    "weight_strategic_in_house": Decimal("5"),
    "weight_sensitivity_in_house": Decimal("100"),
    "weight_standardisation_in_house": Decimal("70"),
    # ...and method 2's (it shares fit, cost and catalog with method 1).
    "weight_standardisation": Decimal("80"),
    "weight_strategic": Decimal("3"),
    "weight_sensitivity": Decimal("90"),
    "weight_location": Decimal("60"),
}
SCORE_FIELDS = ["recommendation", "bpo_score", "kpo_score", "in_house_score", "confidence"]


def task_row(row_number=2, **overrides):
    values = {
        "row_number": row_number,
        "name": f"Task on row {row_number}",
        "complexity": 2,
        "skill_level": 2,
        "monthly_cost": Decimal("3000.00"),
        "hours_per_month": Decimal("100"),
        "strategic_importance": 2,
        "data_sensitivity": 2,
        "standardisation": 4,
        "service_type": None,
        "description": "",
    }
    return TaskRow(**{**values, **overrides})


def publish_copy_of_current(user=None, **changes):
    profile = ScoringProfile.objects.current()
    for name, value in changes.items():
        setattr(profile, name, value)
    return services.publish_profile(profile, user)


def stored_values(task):
    task.refresh_from_db()
    return {name: getattr(task, name) for name in SCORE_FIELDS}


def profile_row(profile):
    profile.refresh_from_db()
    return {field.attname: getattr(profile, field.attname) for field in PROFILE_FIELDS}


PROFILE_FIELDS = ScoringProfile._meta.concrete_fields


# --- Profiles ----------------------------------------------------------------------------


def test_publish_profile_saves_a_new_current_version_and_leaves_the_old_row_alone():
    consultant = UserFactory()
    first = ScoringProfile.objects.current()
    first_row = profile_row(first)
    method_1_row = profile_row(ScoringProfile.objects.get(version=1))
    assert first.weight_fit != Decimal("45")

    second = publish_copy_of_current(consultant, weight_fit=Decimal("45"), note="More fit.")

    assert (second.version, second.is_current, second.created_by) == (
        first.version + 1,
        True,
        consultant,
    )
    assert second.pk != first.pk
    assert second.method == first.method  # a copy keeps the method it was made from
    assert ScoringProfile.objects.current() == second
    assert ScoringProfile.objects.get(version=second.version).weight_fit == Decimal("45")
    assert profile_row(first) == {**first_row, "is_current": False}
    assert profile_row(ScoringProfile.objects.get(version=1)) == method_1_row
    assert ScoringProfile.objects.filter(is_current=True).count() == 1


@pytest.mark.parametrize("version", [1, 2], ids=["method-1-version", "current-version"])
def test_a_saved_profile_version_cannot_be_changed_in_place(version):
    profile = ScoringProfile.objects.get(version=version)
    saved = profile_row(profile)
    versions = ScoringProfile.objects.count()
    profile.weight_fit = Decimal("99")

    with pytest.raises(ProfileVersionFrozen, match="publish the edit as a new version"):
        profile.save()

    assert saved["weight_fit"] != Decimal("99")
    assert profile_row(ScoringProfile.objects.get(pk=profile.pk)) == saved
    assert ScoringProfile.objects.count() == versions


def test_publish_profile_numbers_the_version_after_the_highest_not_after_the_current_one():
    later = ScoringProfile.objects.current()
    later.pk, later.version, later.is_current = None, 7, False
    later.save()

    published = publish_copy_of_current()

    assert published.version == 8
    assert list(ScoringProfile.objects.filter(is_current=True)) == [published]


def test_publish_profile_records_no_author_when_none_is_given():
    assert publish_copy_of_current().created_by is None


def test_the_database_refuses_a_second_current_profile():
    versions = ScoringProfile.objects.count()
    copy = ScoringProfile.objects.current()
    # A version number no row has, so only the one-current rule can refuse it.
    copy.pk = None
    copy.version = ScoringProfile.objects.order_by("-version").first().version + 1
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()
    assert ScoringProfile.objects.count() == versions


@pytest.mark.parametrize(
    "values",
    [
        {"weight_fit": Decimal("101")},
        {"weight_sensitivity_in_house": Decimal("-1")},
        {"transition_months": 13},
        {"productivity_dip_months": 37},
        {"no_offshore_sensitivity": 7},
        {"onshore_only_sensitivity": 0},
        {"front_office_min_overlap_hours": 9},
        {"full_saving_ratio": Decimal("0.01")},
        {"governance_overhead": Decimal("0.6")},
        {"productivity_dip": Decimal("0.6")},
        {"in_house_hourly_rate": Decimal("0")},
        {"confidence_high_margin": Decimal("0")},
        {"confidence_medium_margin": Decimal("20"), "confidence_high_margin": Decimal("15")},
        {
            "weight_strategic_in_house": 0,
            "weight_sensitivity_in_house": 0,
            "weight_standardisation_in_house": 0,
        },
        {
            "weight_fit": 0,
            "weight_cost": 0,
            "weight_strategic_outsourced": 0,
            "weight_sensitivity_outsourced": 0,
            "weight_catalog": 0,
        },
        {"method": 3},
        {"weight_strategic": Decimal("101")},
        {"weight_location": Decimal("-1")},
        {"horizon_months": 11},
        {"horizon_months": 61},
        {"bpo_skill_ceiling": 6},
        {"bpo_complexity_ceiling": 0},
        {"bpo_min_saving": Decimal("0.6")},
        {"kpo_premium_min_skill": 7},
        {"kpo_max_premium": Decimal("1.1")},
        {"min_contract_hours": Decimal("1001")},
        {"transition_fixed_cost": Decimal("-1")},
        {"parallel_running_share": Decimal("1.1")},
        {"transfer_months_min": Decimal("7"), "transfer_months_max": Decimal("6")},
    ],
    ids=lambda values: "+".join(values),
)
def test_the_database_refuses_a_profile_value_out_of_range(values):
    current = ScoringProfile.objects.current()
    saved = profile_row(current)
    profiles = ScoringProfile.objects.filter(is_current=True)
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        profiles.update(**values)
    assert profile_row(current) == saved


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"onshore_only_sensitivity": 3, "no_offshore_sensitivity": 4},
            "onshore_only_sensitivity",
            ONSHORE_BELOW_OFFSHORE,
        ),
        ({"weight_fit": Decimal("101")}, "weight_fit", "less than or equal to 100"),
        ({"transition_months": 13}, "transition_months", "less than or equal to 12"),
        (
            {"confidence_medium_margin": Decimal("20"), "confidence_high_margin": Decimal("15")},
            None,
            "The medium margin cannot exceed the high margin.",
        ),
        (
            {
                "weight_strategic_in_house": Decimal("0"),
                "weight_sensitivity_in_house": Decimal("0"),
                "weight_standardisation_in_house": Decimal("0"),
            },
            None,
            "Give at least one in-house factor a weight.",
        ),
        (
            {"transfer_months_min": Decimal("7"), "transfer_months_max": Decimal("6")},
            "transfer_months_min",
            TRANSFER_ORDER,
        ),
        ({"horizon_months": 61}, "horizon_months", "less than or equal to 60"),
    ],
    ids=[
        "onshore-below-offshore",
        "weight",
        "transition",
        "margins",
        "in-house-weights",
        "transfer-order",
        "horizon",
    ],
)
def test_full_clean_explains_what_is_wrong_with_a_profile(values, field, message):
    profile = ScoringProfile.objects.current()
    for name, value in values.items():
        setattr(profile, name, value)
    with pytest.raises(ValidationError) as raised:
        profile.full_clean()
    errors = raised.value.message_dict
    messages = errors[field] if field else [text for texts in errors.values() for text in texts]
    assert any(message in text for text in messages), errors


def test_the_default_profile_passes_full_clean():
    ScoringProfile.objects.current().full_clean()


# --- Scoring -----------------------------------------------------------------------------


def test_score_assessment_stores_answers_scores_costs_and_the_inputs_used():
    assessment = SubmittedAssessmentFactory()
    data_entry = ServiceType.objects.get(slug="data-entry")
    routine = TaskFactory(assessment=assessment, service_type=data_entry, **ROUTINE)
    core = TaskFactory(assessment=assessment, **CORE_AND_SECRET)

    services.score_assessment(assessment)

    routine.refresh_from_db()
    core.refresh_from_db()
    assessment.refresh_from_db()
    assert routine.recommendation == "bpo"
    assert routine.bpo_score > max(routine.kpo_score, routine.in_house_score)
    assert core.recommendation == "in_house"
    assert core.in_house_score > max(core.bpo_score, core.kpo_score)
    for task in (routine, core):
        assert 0 <= task.confidence <= 100
        assert task.result["confidence_label"]
        assert task.result["reasons"]
        assert set(task.result["costs"]) == {"bpo", "kpo", "in_house"}
        assert Decimal(task.result["costs"]["in_house"]["monthly"]) == task.monthly_cost
    # Offshore is the cheapest BPO rate and nothing about the task rules it out.
    offshore = RateCard.objects.get(sourcing_model="bpo", region="india-philippines")
    overhead = ScoringProfile.objects.current().governance_overhead
    expected_cost = (
        ROUTINE["hours_per_month"] * offshore.hourly_typical * (1 + overhead)
    ).quantize(Decimal("0.01"))
    assert routine.delivery_location == "offshore"
    assert routine.outsourced_monthly_cost == expected_cost
    assert routine.monthly_saving == ROUTINE["monthly_cost"] - expected_cost
    assert assessment.scoring_profile == ScoringProfile.objects.current()
    assert assessment.scored_at is not None
    assert assessment.summary["task_count"] == 2
    assert assessment.summary["counts"] == {"bpo": 1, "kpo": 0, "in_house": 1}
    assert assessment.rates_snapshot["currency"] == "USD"
    # A US company: its home (US) onshore, Latin America nearshore, India or the
    # Philippines offshore, three sourcing models each.
    us_regions = ("us", "latin-america", "india-philippines")
    assert len(assessment.rates_snapshot["rates"]) == (
        RateCard.objects.filter(region__in=us_regions).count()
    )
    assert len(assessment.rates_snapshot["rates"]) == 9
    assert {
        "model": "bpo",
        "location": "offshore",
        "region": "india-philippines",
        "low": str(offshore.hourly_low),
        "typical": str(offshore.hourly_typical),
        "high": str(offshore.hourly_high),
    } in assessment.rates_snapshot["rates"]


@pytest.mark.parametrize(("version", "method"), [(1, 1), (2, 2)], ids=["method-1", "method-2"])
def test_reproduce_gives_the_stored_answers_after_the_profile_and_rates_change(version, method):
    scored_with = ScoringProfile.objects.get(version=version)
    assert scored_with.method == method
    assessment = SubmittedAssessmentFactory()
    tasks = [
        TaskFactory(assessment=assessment, **values)
        for values in (ROUTINE, MIDDLING, CORE_AND_SECRET)
    ]
    services.score_assessment(assessment, profile=scored_with)
    stored = [stored_values(task) for task in tasks]
    stored_results = [task.result for task in tasks]

    publish_copy_of_current(**VERY_DIFFERENT_WEIGHTS)
    RateCard.objects.filter(currency="USD").update(
        hourly_low=Decimal("500"), hourly_typical=Decimal("600"), hourly_high=Decimal("700")
    )
    assessment.refresh_from_db()
    results, _summary = services.reproduce(assessment)

    reproduced = [task_fields(result) for result in results]
    assert [{name: values[name] for name in SCORE_FIELDS} for values in reproduced] == stored
    assert [values["result"] for values in reproduced] == stored_results
    assert [stored_values(task) for task in tasks] == stored  # reproducing saves nothing
    assert assessment.scoring_profile == scored_with


def test_the_profile_s_method_picks_the_engine_that_scores():
    method_1, method_2 = (ScoringProfile.objects.get(version=n) for n in (1, 2))
    assessments = []
    for profile in (method_1, method_2):
        assessment = SubmittedAssessmentFactory()
        TaskFactory(assessment=assessment, **MIDDLING)
        services.score_assessment(assessment, profile=profile)
        assessments.append(assessment)

    old, new = (assessment.tasks.get() for assessment in assessments)

    # Method 1 scales each answer's own weights to 100; method 2 shares one set of weights
    # and counts the money over the horizon for every answer, so the same task scores
    # differently, and only method 2 prices each option over the horizon.
    scores = ("bpo_score", "kpo_score", "in_house_score")
    assert [getattr(old, name) for name in scores] != [getattr(new, name) for name in scores]
    assert old.result["costs"]["in_house"]["horizon_total"] is None
    assert new.result["horizon_months"] == method_2.horizon_months
    assert Decimal(new.result["costs"]["in_house"]["horizon_total"]) == (
        MIDDLING["monthly_cost"] * method_2.horizon_months
    )


def test_reproduce_ignores_later_edits_and_deletions_in_the_catalog():
    kpo_type = ServiceTypeFactory(sourcing_model="kpo", typical_complexity=4)
    gone_type = ServiceTypeFactory(sourcing_model="lpo")
    assessment = SubmittedAssessmentFactory()
    tasks = [
        TaskFactory(assessment=assessment, service_type=kpo_type, **MIDDLING),
        TaskFactory(assessment=assessment, service_type=gone_type, **MIDDLING),
    ]
    services.score_assessment(assessment)
    stored = [stored_values(task) for task in tasks]

    ServiceType.objects.filter(pk=kpo_type.pk).update(sourcing_model="bpo", office="front")
    gone_type.delete()
    assessment.refresh_from_db()
    results, _summary = services.reproduce(assessment)

    reproduced = [task_fields(result) for result in results]
    assert [{name: values[name] for name in SCORE_FIELDS} for values in reproduced] == stored
    assert assessment.rates_snapshot["task_service_types"] == [kpo_type.slug, gone_type.slug]


def test_rescore_uses_the_current_profile_and_todays_rates():
    assessment = SubmittedAssessmentFactory()
    tasks = [TaskFactory(assessment=assessment, **values) for values in (ROUTINE, MIDDLING)]
    services.score_assessment(assessment)
    before = [stored_values(task) for task in tasks]
    old_snapshot = assessment.rates_snapshot
    scored_with = assessment.scoring_profile

    publish_copy_of_current(**VERY_DIFFERENT_WEIGHTS)
    RateCard.objects.filter(currency="USD").update(
        hourly_low=Decimal("500"), hourly_typical=Decimal("600"), hourly_high=Decimal("700")
    )
    services.rescore(assessment)

    assessment.refresh_from_db()
    after = [stored_values(task) for task in tasks]
    assert assessment.scoring_profile == ScoringProfile.objects.current()
    assert assessment.scoring_profile.version == scored_with.version + 1
    assert assessment.rates_snapshot != old_snapshot
    assert {rate["typical"] for rate in assessment.rates_snapshot["rates"]} == {"600.00"}
    changed = [
        name
        for old, new in zip(before, after, strict=True)
        for name in ("bpo_score", "kpo_score", "in_house_score")
        if old[name] != new[name]
    ]
    assert changed


def test_rescoring_an_assessment_scored_with_method_1_scores_it_with_the_current_method():
    assessment = SubmittedAssessmentFactory()
    task = TaskFactory(assessment=assessment, **MIDDLING)
    services.score_assessment(assessment, profile=ScoringProfile.objects.get(version=1))
    method_1_values = stored_values(task)
    twin = SubmittedAssessmentFactory()
    twin_task = TaskFactory(assessment=twin, **MIDDLING)
    services.score_assessment(twin)  # the current profile, method 2

    services.rescore(assessment)

    assessment.refresh_from_db()
    current = ScoringProfile.objects.current()
    assert current.method == 2
    assert assessment.scoring_profile == current
    assert stored_values(task) == stored_values(twin_task) != method_1_values
    assert task.result == twin_task.result
    assert task.result["costs"]["in_house"]["horizon_total"] is not None


# --- Creating assessments from task files ------------------------------------------------


def test_create_scored_assessment_saves_a_submitted_scored_assessment_with_its_tasks():
    rows = [
        task_row(2, name="Invoice keying", service_type="data-entry", **ROUTINE),
        task_row(3, name="Board strategy", **CORE_AND_SECRET),
    ]
    service_types, unknown = services.resolve_service_types(rows)

    assessment = services.create_scored_assessment(
        "Acme Ltd", rows, service_types, locations=["nearshore"], source=Assessment.Source.COMMAND
    )

    assessment.refresh_from_db()
    assert unknown == []
    assert assessment.company_name == "Acme Ltd"
    assert assessment.status == Assessment.Status.SUBMITTED
    assert assessment.source == Assessment.Source.COMMAND
    assert assessment.submitted_at is not None
    assert assessment.allowed_locations == {"nearshore"}
    assert assessment.scoring_profile == ScoringProfile.objects.current()
    tasks = list(assessment.tasks.all())
    assert [(task.position, task.name) for task in tasks] == [
        (1, "Invoice keying"),
        (2, "Board strategy"),
    ]
    assert tasks[0].service_type.slug == "data-entry"
    assert [task.recommendation for task in tasks] == ["bpo", "in_house"]
    assert tasks[0].delivery_location == "nearshore"


def test_create_scored_assessment_saves_nothing_when_a_task_cannot_be_stored():
    assessments, tasks = Assessment.objects.count(), Task.objects.count()
    rows = [
        task_row(2, name="Fine"),
        task_row(3, name="Too dear", monthly_cost=Decimal("10000001.00")),
    ]

    with pytest.raises((IntegrityError, DataError)):
        services.create_scored_assessment("Acme Ltd", rows, {}, source=Assessment.Source.UPLOAD)

    assert Assessment.objects.count() == assessments
    assert Task.objects.count() == tasks
    assert not Assessment.objects.filter(company_name="Acme Ltd").exists()


def test_create_scored_assessment_saves_nothing_when_scoring_fails(monkeypatch):
    def broken_engine(*args, **kwargs):
        raise RuntimeError("engine down")

    monkeypatch.setattr(services, "run_engine", broken_engine)

    with pytest.raises(RuntimeError, match="engine down"):
        services.create_scored_assessment(
            "Acme Ltd", [task_row()], {}, source=Assessment.Source.UPLOAD
        )

    assert not Assessment.objects.exists()
    assert not Task.objects.exists()


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("data-entry", "data-entry"),
        ("DATA-ENTRY", "data-entry"),
        ("Data entry", "data-entry"),
        ("  market RESEARCH ", "market-research"),
        ("Payroll Processing", "payroll-processing"),
        ("contract-drafting-and-review", "contract-drafting-and-review"),
    ],
)
def test_resolve_service_types_matches_a_slug_or_name_in_any_case(text, slug):
    found, unknown = services.resolve_service_types([task_row(5, service_type=text)])
    assert unknown == []
    assert found == {5: ServiceType.objects.get(slug=slug)}


def test_resolve_service_types_reports_each_unknown_name_with_its_row():
    hidden = ServiceTypeFactory(name="Secret sauce", slug="secret-sauce", is_published=False)
    rows = [
        task_row(2, service_type="data-entry"),
        task_row(3, service_type="Astrology"),
        task_row(4, service_type=None),
        task_row(5, service_type=hidden.slug),
        task_row(6, service_type="Astrology"),
    ]

    found, unknown = services.resolve_service_types(rows)

    assert found == {2: ServiceType.objects.get(slug="data-entry")}
    assert unknown == [(3, "Astrology"), (5, "secret-sauce"), (6, "Astrology")]


def test_resolve_service_types_without_any_service_type_finds_nothing():
    assert services.resolve_service_types([task_row(2), task_row(3)]) == ({}, [])


def test_missing_optional_scales_default_to_3():
    row = task_row(2, strategic_importance=None, data_sensitivity=None, standardisation=None)
    assessment = services.create_scored_assessment(
        "Acme Ltd", [row], {}, source=Assessment.Source.UPLOAD
    )
    task = assessment.tasks.get()
    assert (task.strategic_importance, task.data_sensitivity, task.standardisation) == (3, 3, 3)
    assert task.hours_per_month == Decimal("100")

    (unsaved,) = services.score_unsaved([row], {})
    assert (unsaved.strategic_importance, unsaved.data_sensitivity, unsaved.standardisation) == (
        3,
        3,
        3,
    )
    assert unsaved.pk is None
    assert unsaved.recommendation == task.recommendation
