"""Accounts with admin rights need longer passwords without their username or the site name."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError

from tests.factories import ConsultantFactory, UserFactory

pytestmark = pytest.mark.django_db

THIRTEEN = "violet-harbor"  # 13 characters, passes Django's own validators
FOURTEEN = "violet-harbors"


def problems(password, user):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return [item.code for item in error.error_list]
    return []


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def superuser():
    return UserFactory(username="root-account", is_superuser=True)


def test_staff_and_superusers_need_fourteen_characters(superuser):
    staff = ConsultantFactory(username="dana")
    for user in (staff, superuser):
        assert problems(THIRTEEN, user) == ["staff_password_too_short"]
        assert problems(FOURTEEN, user) == []


def test_accounts_without_admin_rights_keep_the_common_rules():
    former_consultant = UserFactory(username="fred", is_staff=False)
    assert problems(THIRTEEN, former_consultant) == []
    assert problems("short-pass1", former_consultant) == ["password_too_short"]


def test_a_new_account_is_held_to_the_staff_rules_before_its_flags_are_saved():
    # The admin's "Add user" form and createsuperuser validate an unsaved user like this.
    new_account = get_user_model()(username="gina")
    assert problems(THIRTEEN, new_account) == ["staff_password_too_short"]


@pytest.mark.parametrize(
    "password",
    [
        "Outsourcing Advisor 2026!",
        "outsourcing-advisor-rocks",
        "my-ADVISOR-password-here",
        "OUTSOURCING.is.our.business",
        "dana-dana-dana-dana-dana",
        "I am D.A.N.A. and 2026 is mine",
    ],
)
def test_staff_passwords_may_not_contain_the_username_or_the_site_name(password):
    staff = ConsultantFactory(username="dana")
    assert "staff_password_has_forbidden_word" in problems(password, staff)


def test_very_short_usernames_are_not_looked_for_inside_words():
    staff = ConsultantFactory(username="ann")
    assert problems("banner-mountain-lake", staff) == []


def test_the_help_text_tells_consultants_the_rule():
    assert any("at least 14 characters" in text for text in password_validators_help_texts())


def test_the_admin_refuses_a_short_password_for_a_consultant(client):
    staff = ConsultantFactory(username="dana")
    client.force_login(UserFactory(username="administrator", is_staff=True, is_superuser=True))
    url = f"/admin/auth/user/{staff.pk}/password/"

    refused = client.post(url, {"password1": THIRTEEN, "password2": THIRTEEN})
    assert refused.status_code == 200
    assert "at least 14 characters" in refused.content.decode()

    accepted = client.post(url, {"password1": FOURTEEN, "password2": FOURTEEN})
    assert accepted.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(FOURTEEN)
