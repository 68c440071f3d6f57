"""No admin changelist filters on a secret: every registered ModelAdmin is walked, and every
lookup that reaches a secret field (on the model or one relation away) must be refused."""

import pytest
from django.contrib import admin
from django.urls import reverse

from outsourcing_advisor.admin import SECRET_FIELDS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SUFFIXES = ("", "__startswith", "__contains", "__iregex", "__gt")


def secret_paths(model):
    """Lookups that reach a secret field of `model` or of a model it points to."""
    paths = []
    for field in model._meta.get_fields():
        if field.name in SECRET_FIELDS and field.concrete:
            paths.append(field.name)
        related = getattr(field, "related_model", None)
        if field.is_relation and related is not None and (field.many_to_one or field.one_to_one):
            paths += [
                f"{field.name}__{secret}"
                for secret in SECRET_FIELDS
                if any(f.name == secret for f in related._meta.concrete_fields)
            ]
    return paths


def every_secret_lookup():
    for model in admin.site._registry:
        for path in secret_paths(model):
            yield model, path


def test_the_walk_finds_the_secrets_it_must_guard():
    found = {(model._meta.label, path) for model, path in every_secret_lookup()}

    assert {
        ("assessments.Assessment", "resume_token"),
        ("assessments.Assessment", "share_token"),
        ("assessments.Task", "assessment__resume_token"),
        ("auth.User", "password"),
    } <= found


@pytest.mark.parametrize(
    ("model", "path"),
    list(every_secret_lookup()),
    ids=[f"{model._meta.label}:{path}" for model, path in every_secret_lookup()],
)
def test_no_changelist_accepts_a_filter_on_a_secret(client, model, path):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    statuses = {
        suffix: client.get(url, {f"{path}{suffix}": "a"}).status_code for suffix in SUFFIXES
    }

    assert statuses == dict.fromkeys(SUFFIXES, 400)
