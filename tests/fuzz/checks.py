"""The fuzz tests' base class, and what they check in the database after a request."""

from django.test import Client
from hypothesis.extra.django import TestCase

from assessments.models import Task

SCALES = (
    "complexity",
    "skill_level",
    "strategic_importance",
    "data_sensitivity",
    "standardisation",
)


class FuzzTestCase(TestCase):
    """Each example in a transaction of its own (hypothesis' Django TestCase), all of them
    sent through one test client: a new client builds Django's middleware again, and
    WhiteNoise's scan of the collected static files alone takes longer than a request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shared_client = Client()

    def setup_example(self):
        super().setup_example()
        self.client = self.shared_client
        self.client.cookies.clear()  # no session carried over from another example


def task_values(assessment):
    """Every stored value a business owner typed for the assessment's tasks, in list order."""
    return [
        (
            task.name,
            task.service_type_id,
            *(getattr(task, name) for name in SCALES),
            task.monthly_cost,
            task.hours_per_month,
            task.description,
        )
        for task in Task.objects.filter(assessment=assessment).order_by("position", "pk")
    ]


def assert_within_bounds(tasks):
    """The README's bounds, whatever the input was."""
    for task in tasks:
        assert 0 < len(task.name) <= 120
        assert task.name == task.name.strip()
        assert "\x00" not in task.name + task.description
        assert all(1 <= getattr(task, name) <= 5 for name in SCALES)
        assert 0 <= task.monthly_cost <= 10_000_000
        assert task.hours_per_month is None or 0 < task.hours_per_month <= 200_000
        assert len(task.description) <= 1000
