"""The settings module reads every deployment value from the environment."""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parents[2]
SETTINGS_FILE = PROJECT_DIR / "outsourcing_advisor" / "settings.py"
STRONG_KEY = secrets.token_urlsafe(50)
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": STRONG_KEY,
    "DJANGO_DEBUG": "0",
    "DJANGO_ALLOWED_HOSTS": "advisor.example.com",
    "DJANGO_SECURE_SSL": "1",
}


def load_settings(monkeypatch, **variables):
    """Execute the settings module afresh with exactly these DJANGO_*/DATABASE_URL values."""
    for name in list(os.environ):
        if name.startswith("DJANGO_") or name == "DATABASE_URL":
            monkeypatch.delenv(name)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_debug_is_off_unless_set(monkeypatch):
    assert load_settings(monkeypatch, DJANGO_SECRET_KEY=STRONG_KEY)["DEBUG"] is False


def test_debug_is_on_when_set(monkeypatch):
    loaded = load_settings(monkeypatch, DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_DEBUG="1")
    assert loaded["DEBUG"] is True


def test_missing_secret_key_is_refused(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        load_settings(monkeypatch)


def test_secret_key_and_hosts_come_from_the_environment(monkeypatch):
    loaded = load_settings(
        monkeypatch, DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_ALLOWED_HOSTS="a.example,b.example"
    )
    assert loaded["SECRET_KEY"] == STRONG_KEY
    assert loaded["ALLOWED_HOSTS"] == ["a.example", "b.example"]


def test_database_defaults_to_sqlite_file_in_project(monkeypatch):
    database = load_settings(monkeypatch, DJANGO_SECRET_KEY=STRONG_KEY)["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]) == PROJECT_DIR / "db.sqlite3"


def test_postgres_url_is_parsed_with_health_checks(monkeypatch):
    loaded = load_settings(
        monkeypatch,
        DJANGO_SECRET_KEY=STRONG_KEY,
        DATABASE_URL="postgres://advisor:s3cret@db.internal:5433/advisor_prod",
    )
    database = loaded["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"  # Django's own backend
    assert (database["HOST"], database["PORT"]) == ("db.internal", 5433)
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == (
        "advisor_prod",
        "advisor",
        "s3cret",
    )
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["CONN_MAX_AGE"] > 0
    assert database["OPTIONS"]["connect_timeout"] == 5
    assert database["OPTIONS"]["keepalives"] == 1


def test_the_cache_is_the_shared_database_cache_unless_redis_is_named(monkeypatch):
    cache = load_settings(monkeypatch, DJANGO_SECRET_KEY=STRONG_KEY)["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert cache["LOCATION"] == "django_cache"


def test_redis_url_selects_djangos_own_redis_cache(monkeypatch):
    url = "redis://cache.internal:6379/1"
    loaded = load_settings(monkeypatch, DJANGO_SECRET_KEY=STRONG_KEY, REDIS_URL=url)
    cache = loaded["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == url


def test_the_redis_client_the_backend_needs_is_installed():
    from django.core.cache.backends.redis import RedisCache

    # Django's backend imports the redis library when it builds its client.
    client = RedisCache("redis://cache.internal:6379/1", {})._cache
    assert client._servers == ["redis://cache.internal:6379/1"]
    assert client._lib.__name__ == "redis"


def test_secure_ssl_turns_on_hsts_redirect_and_secure_cookies(monkeypatch):
    loaded = load_settings(monkeypatch, **PRODUCTION_ENV)
    assert loaded["SECURE_SSL_REDIRECT"] is True
    assert loaded["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert loaded["SESSION_COOKIE_SECURE"] is True
    assert loaded["CSRF_COOKIE_SECURE"] is True
    assert loaded["SESSION_COOKIE_NAME"].startswith("__Host-")


def test_without_secure_ssl_cookies_work_over_plain_http(monkeypatch):
    loaded = load_settings(monkeypatch, DJANGO_SECRET_KEY=STRONG_KEY)
    assert "SECURE_SSL_REDIRECT" not in loaded
    assert "SESSION_COOKIE_SECURE" not in loaded


def test_admin_path_is_configurable(monkeypatch):
    loaded = load_settings(monkeypatch, DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_ADMIN_PATH="/staff/")
    assert loaded["ADMIN_PATH"] == "staff/"


def run_deploy_check(variables):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_is_clean_with_production_values():
    result = run_deploy_check(PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "(0 silenced)" in result.stdout


def test_no_check_is_silenced(settings):
    assert not getattr(settings, "SILENCED_SYSTEM_CHECKS", [])


def test_deploy_check_fails_with_development_values():
    result = run_deploy_check({"DJANGO_SECRET_KEY": "short", "DJANGO_DEBUG": "1"})
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG on
    assert "security.W009" in result.stderr  # weak key
