"""Accounting, legal and consulting firms find their industry and the services they buy."""

import json
from decimal import Decimal
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps

from assessments import services
from assessments.models import Assessment
from catalog.models import Industry, RateCard, ServiceType, SourcingModel
from catalog.services import suggest_service_types
from tests.assessments.questionnaire_helpers import company_data
from tests.factories import SubmittedAssessmentFactory, TaskFactory

pytestmark = pytest.mark.django_db

MIGRATION = import_module("catalog.migrations.0020_professional_services")
DATA = json.loads(
    (
        Path(MIGRATION.__file__).parent / "data" / "default_catalog_v3_professional_services.json"
    ).read_text(encoding="utf-8")
)
NEW_SLUGS = [row["slug"] for row in DATA["service_types"]]
PRACTICES = {
    "accounting-practice": "Accounting practice",
    "consulting-practice": "Consulting practice",
    "legal": "Legal",
}
# A 12-person accounting firm's client tax advice: 60 hours a month of qualified time.
TAX_ADVICE = {
    "name": "Client tax advice",
    "monthly_cost": Decimal("6000.00"),
    "hours_per_month": Decimal("60"),
}


def test_the_professional_practices_are_industries():
    for slug, name in PRACTICES.items():
        assert Industry.objects.get(slug=slug).name == name


@pytest.mark.parametrize("industry", list(PRACTICES))
def test_each_practice_has_published_vertical_services_of_its_own(industry):
    own = ServiceType.objects.published().filter(industries__slug=industry, orientation="vertical")
    assert own.count() >= 2, industry


@pytest.mark.parametrize("slug", NEW_SLUGS)
def test_each_new_service_has_every_facet_of_the_default_catalog(slug):
    service = ServiceType.objects.get(slug=slug)
    assert service.is_published
    assert service.summary
    assert len(service.description) > 300
    assert service.synonyms
    assert service.orientation == "vertical"
    assert service.industries.exists()
    assert (
        ServiceType.industries_problem(service.orientation, list(service.industries.all())) is None
    )
    assert service.risks.count() >= 3
    assert service.providers.exists()
    for provider in service.providers.all():
        assert service.sourcing_model in provider.sourcing_models, provider
    service.full_clean()


@pytest.mark.parametrize("model", SourcingModel.values)
def test_every_new_services_sourcing_model_is_priced_with_dated_sourced_rate_cards(model):
    if not ServiceType.objects.filter(slug__in=NEW_SLUGS, sourcing_model=model).exists():
        pytest.skip(f"no new {model} service")
    cards = RateCard.objects.filter(sourcing_model=model)
    assert set(cards.values_list("location__kind", flat=True)) == {
        "onshore",
        "nearshore",
        "offshore",
    }
    assert all(card.as_of and card.source for card in cards)


def test_the_company_step_accepts_an_accounting_practice(client):
    industry = Industry.objects.get(slug="accounting-practice")
    page = client.get("/assessments/start/").content.decode()
    assert f'<option value="{industry.pk}">Accounting practice</option>' in page

    response = client.post(
        "/assessments/start/",
        company_data(company_name="Ledger & Co", industry=str(industry.pk), size_band="10-49"),
    )

    assert response.status_code == 302
    assert Assessment.objects.get().industry == industry


@pytest.mark.parametrize("slug", ["consulting-practice", "legal"])
def test_the_company_step_accepts_the_other_practices(client, slug):
    industry = Industry.objects.get(slug=slug)
    response = client.post("/assessments/start/", company_data(industry=str(industry.pk)))
    assert response.status_code == 302
    assert Assessment.objects.get().industry == industry


def scored_tax_advice(strategic_importance, data_sensitivity, assumed=()):
    """The firm's tax advice task on the service its name suggests, with that service's
    ratings left as they are."""
    service = ServiceType.objects.get(slug="tax-research-and-technical-support")
    assessment = SubmittedAssessmentFactory(
        industry=Industry.objects.get(slug="accounting-practice"), country="US", currency="USD"
    )
    task = TaskFactory(
        assessment=assessment,
        service_type=service,
        complexity=service.typical_complexity,
        skill_level=service.typical_skill_level,
        standardisation=service.typical_standardisation,
        strategic_importance=strategic_importance,
        data_sensitivity=data_sensitivity,
        assumed_inputs=list(assumed),
        **TAX_ADVICE,
    )
    services.score_assessment(assessment)
    task.refresh_from_db()
    return task


@pytest.mark.parametrize(
    ("strategic_importance", "data_sensitivity", "assumed"),
    [
        (5, 4, ()),  # the owner's own view: core to the firm, clients' financial data
        (5, 3, ("data_sensitivity",)),  # sensitivity left as "not sure"
        (4, 4, ()),
    ],
)
def test_an_accounting_firms_core_tax_advice_stays_in_house(
    strategic_importance, data_sensitivity, assumed
):
    task = scored_tax_advice(strategic_importance, data_sensitivity, assumed)
    assert task.recommendation == "in_house"


def test_the_service_for_tax_advice_is_knowledge_work_no_bpo_provider_can_take():
    service = ServiceType.objects.get(slug="tax-research-and-technical-support")
    assert service.is_knowledge_work
    # Above method 2's BPO skill and complexity ceilings (3), and nothing standard about it.
    assert (service.typical_complexity, service.typical_skill_level) == (5, 5)
    assert service.typical_standardisation == 1
    assert "stays in-house" in service.description


def test_client_tax_advice_suggests_the_tax_advice_service_not_tax_preparation():
    suggestions = suggest_service_types("Client tax advice")
    assert suggestions[0].name == "Tax research and technical support"
    assert "tax advice" in suggestions[0].reason


def test_the_migration_reverses_and_replays():
    MIGRATION.remove_professional_services(apps, None)
    assert not ServiceType.objects.filter(slug__in=NEW_SLUGS).exists()
    assert not Industry.objects.filter(slug__in=["accounting-practice", "consulting-practice"])
    assert Industry.objects.filter(slug="legal").exists()

    MIGRATION.add_professional_services(apps, None)
    assert ServiceType.objects.filter(slug__in=NEW_SLUGS).count() == len(NEW_SLUGS)
    audit = ServiceType.objects.get(slug="audit-support")
    assert list(audit.industries.values_list("slug", flat=True)) == ["accounting-practice"]


def test_replaying_the_migration_keeps_what_consultants_edited():
    ServiceType.objects.filter(slug="audit-support").update(summary="Edited by a consultant.")
    MIGRATION.add_professional_services(apps, None)
    assert ServiceType.objects.get(slug="audit-support").summary == "Edited by a consultant."
