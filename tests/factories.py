"""factory_boy factories for the whole suite."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from assessments.models import Assessment, Task
from catalog.models import (
    DeliveryLocation,
    Industry,
    LocationKind,
    Office,
    Orientation,
    Provider,
    RateCard,
    Risk,
    ServiceType,
    SourcingModel,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("a-long-test-passphrase")


class ConsultantFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def consultants_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="Consultants"))


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Industry

    name = factory.Sequence(lambda n: f"Industry {n}")
    slug = factory.Sequence(lambda n: f"industry-{n}")


class DeliveryLocationFactory(factory.django.DjangoModelFactory):
    """Locations are unique by kind: the migrated catalog already holds all three."""

    class Meta:
        model = DeliveryLocation
        django_get_or_create = ("kind",)

    kind = LocationKind.OFFSHORE
    name = factory.LazyAttribute(lambda location: location.kind.title())
    slug = factory.LazyAttribute(lambda location: location.kind)
    description = "Delivered from elsewhere."
    time_zone_overlap_hours = 2


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    name = factory.Sequence(lambda n: f"Risk {n}")
    slug = factory.Sequence(lambda n: f"risk-{n}")
    description = "Something that can go wrong."
    mitigation = "Something that makes it less likely."


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Provider {n}")
    slug = factory.Sequence(lambda n: f"provider-{n}")
    offers_bpo = True


class ServiceTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceType

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    summary = "A service for tests."
    description = "What the provider does, in a few words."
    sourcing_model = SourcingModel.BPO
    office = Office.BACK
    orientation = Orientation.HORIZONTAL
    typical_complexity = 2
    typical_skill_level = 2
    typical_standardisation = 4


class RateCardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RateCard

    sourcing_model = SourcingModel.BPO
    location = factory.SubFactory(DeliveryLocationFactory)
    currency = "EUR"
    hourly_low = Decimal("10.00")
    hourly_typical = Decimal("15.00")
    hourly_high = Decimal("20.00")
    as_of = datetime.date(2025, 6, 30)
    source = "Test figures."


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    company_name = factory.Sequence(lambda n: f"Company {n}")


class SubmittedAssessmentFactory(AssessmentFactory):
    status = Assessment.Status.SUBMITTED
    submitted_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    assessment = factory.SubFactory(AssessmentFactory)
    position = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Task {n}")
    complexity = 2
    skill_level = 2
    monthly_cost = Decimal("5000.00")
    hours_per_month = Decimal("160")
    strategic_importance = 2
    data_sensitivity = 2
    standardisation = 4
