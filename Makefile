# Outsourcing Advisor: `make run` serves the site, `make test` runs every check.
# Both set up everything they need on a fresh machine (virtualenv, packages, Chromium,
# a throwaway PostgreSQL).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
DEV_KEY_FILE := .dev-secret-key

# Development values; production sets its own (see README).
# Always the local SQLite file, even when the shell exports a DATABASE_URL.
DEV_ENV = env -u DATABASE_URL DJANGO_DEBUG=1 DJANGO_SECRET_KEY="$$(cat $(DEV_KEY_FILE))"
# Tests get a fresh random key each run and DEBUG off, as in production.
TEST_ENV = DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')"

.PHONY: help run test lint lock clean migrate shell bench loadtest failtest fuzz screenshots

help:
	@echo "make run    set up and serve the site on http://127.0.0.1:8000 (SQLite, DEBUG on)"
	@echo "make test   set up and run ruff (lint and format check), the migration check and pytest on SQLite and PostgreSQL"
	@echo "make fuzz   the fuzz tests (tests/fuzz) with 10,000 examples each, on SQLite and PostgreSQL"
	@echo "make bench  benchmarks, about 10 min: engine, assess_tasks, queries per page, pages on gunicorn against /healthz and the upload, on SQLite and PostgreSQL"
	@echo "make loadtest  60 s of simulated owners (locust) on gunicorn + PostgreSQL, then a data check"
	@echo "make failtest  the same load with PostgreSQL stopped and restarted: 503s, recovery, data check"
	@echo "make prodtest  the production recipe: nginx (docs/production) + gunicorn + PostgreSQL, measured"
	@echo "make screenshots  full-page PNGs of both owner journeys and the main admin pages at 390 and 1280 px, with each page's height, in build/screenshots/"
	@echo "make lock   re-resolve the pinned versions in .ci/constraints.txt"
	@echo "make shell  Django shell on the local database"

$(VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is required (Django 5.2 runs on Python 3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-runtime: $(VENV)/bin/python pyproject.toml .ci/constraints.txt
	$(PIP) install --quiet -c .ci/constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/bin/python pyproject.toml .ci/constraints.txt
	$(PIP) install --quiet -c .ci/constraints.txt -e ".[test]"
	touch $@ $(VENV)/.installed-runtime

$(DEV_KEY_FILE):
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

migrate: $(VENV)/.installed-runtime $(DEV_KEY_FILE)
	$(DEV_ENV) $(PY) manage.py migrate --noinput

run: migrate
	@$(DEV_ENV) $(PY) manage.py create_local_consultant
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

shell: migrate
	$(DEV_ENV) $(PY) manage.py shell

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: $(VENV)/.installed-test
	.ci/ensure-chromium
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	@echo "=== pytest on SQLite ==="
	env -u DATABASE_URL $(TEST_ENV) $(VENV)/bin/pytest
	@echo "=== pytest on PostgreSQL ==="
	.ci/with-postgres env $(TEST_ENV) $(VENV)/bin/pytest
	@echo "=== the production recipe: nginx + gunicorn + PostgreSQL ==="
	@$(MAKE) --no-print-directory prodtest

# The fuzz tests run in `make test` with 1,000 examples each; the "fuzz" profile has 10,000.
fuzz: $(VENV)/.installed-test
	@echo "=== fuzz tests on SQLite ==="
	env -u DATABASE_URL HYPOTHESIS_PROFILE=fuzz $(TEST_ENV) $(VENV)/bin/pytest tests/fuzz
	@echo "=== fuzz tests on PostgreSQL ==="
	.ci/with-postgres env HYPOTHESIS_PROFILE=fuzz $(TEST_ENV) $(VENV)/bin/pytest tests/fuzz

# Figures for docs/performance.md, saved to bench/results/latest.json; BENCH_SECONDS sets the
# seconds per endpoint in each of the 5 rounds (4 by default).
bench: $(VENV)/.installed-test
	.ci/ensure-wrk
	.ci/with-postgres env $(TEST_ENV) bash -c '$(PY) manage.py migrate -v0 && $(PY) bench/run.py'

# Full-page PNGs of every step of both owner journeys (6 tasks typed, 25 uploaded) and the main
# admin pages at 390 and 1280 px, and each page's height (heights.md and .json), written to
# build/screenshots/ for review without a server. A throwaway SQLite site; about 2 minutes.
screenshots: $(VENV)/.installed-test
	.ci/ensure-chromium
	$(PY) bench/screenshots.py

# Figures for docs/reliability.md, written to bench/results/{load,failure}-latest.json.
loadtest: $(VENV)/.installed-test
	.ci/with-postgres env $(TEST_ENV) $(PY) bench/load/run_load.py

failtest: $(VENV)/.installed-test
	.ci/with-postgres env $(TEST_ENV) $(PY) bench/load/run_failure.py

# The deployment README.md describes, tested and measured (tests/production); about a minute.
.PHONY: prodtest
prodtest: $(VENV)/.installed-test
	.ci/ensure-nginx
	.ci/with-postgres env $(TEST_ENV) $(VENV)/bin/pytest -m prodtest tests/production

lock:
	rm -rf build/lock-venv
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet --disable-pip-version-check ".[test]"
	build/lock-venv/bin/pip freeze --exclude outsourcing-advisor | sed '/^-e /d' > .ci/constraints.txt
	rm -rf build/lock-venv
	@echo ".ci/constraints.txt updated; commit it with the change that needed it"

clean:
	rm -rf $(VENV) build staticfiles .pytest_cache .ruff_cache .hypothesis
