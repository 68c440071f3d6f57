"""`make run` creates one consultant login on a new local database, and nowhere else."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.fixture
def local_database(settings):
    if connection.vendor != "sqlite":
        pytest.skip("the local development database is SQLite; covered by the SQLite run")
    settings.DEBUG = True
    settings.LOCAL_DATABASE_FILE = connection.settings_dict["NAME"]


def run_command():
    out = io.StringIO()
    call_command("create_local_consultant", stdout=out)
    return out.getvalue()


def test_first_run_creates_a_consultant_with_a_random_password(local_database):
    output = run_command()
    password = output.split("password: ")[1].split()[0]
    user = get_user_model().objects.get(username="consultant")
    assert user.is_staff
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Consultants"]
    assert user.check_password(password)
    assert len(password) >= 20


def test_the_random_password_meets_the_rules_for_staff(local_database):
    password = run_command().split("password: ")[1].split()[0]
    validate_password(password, get_user_model().objects.get(username="consultant"))


def test_passwords_differ_between_databases(local_database):
    first = run_command().split("password: ")[1].split()[0]
    get_user_model().objects.all().delete()
    second = run_command().split("password: ")[1].split()[0]
    assert first != second


def test_later_runs_print_nothing_and_keep_the_password(local_database):
    password = run_command().split("password: ")[1].split()[0]
    assert run_command() == ""
    assert get_user_model().objects.get().check_password(password)


def test_refuses_outside_the_local_default_database(settings):
    settings.DEBUG = True  # the test database is never the project's local file
    with pytest.raises(CommandError, match="Refusing"):
        run_command()
    assert not get_user_model().objects.exists()


def test_refuses_with_debug_off(local_database, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing"):
        run_command()
