# LPIP Evidence Hub: `make run` to serve it locally, `make test` to test it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: install install-dev lock run test test-unit test-e2e lint migrations-check bench loadtest backup-check messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Exactly the versions in the lock files, each checked against its hash; then the app itself.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(VENV)/.installed $@

# After changing the dependencies in pyproject.toml: write the lock files again.
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links
lock: install-dev
	$(PIP_COMPILE) --output-file requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra dev --output-file requirements-dev.lock pyproject.toml

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

run: install
	DJANGO_DEBUG=1 $(MANAGE) migrate --noinput
	DJANGO_DEBUG=1 $(MANAGE) load_reference_data
	DJANGO_DEBUG=1 $(MANAGE) collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=1 $(MANAGE) runserver 127.0.0.1:$(PORT)

# The whole suite: unit and integration tests, then the browser tests.
test: test-unit test-e2e

test-unit: install-dev node_modules/.installed  # node_modules holds the HTML checker (vnu.jar)
	$(BIN)/pytest -rs

test-e2e: install-dev node_modules/.installed
	@bin/ensure-chromium
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -rs -m e2e tests/e2e

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: install-dev
	$(MANAGE) makemigrations --check --dry-run

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/lpip_hub_bench
BENCH_SIZES ?= 1000 50000 200000

# Performance at 1,000, 50,000 and 200,000 synthetic interventions, on PostgreSQL (docs/performance.md).
bench: install-dev
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	@psql "$(dir $(BENCH_DATABASE_URL))postgres" -tAc \
		"SELECT 1 FROM pg_database WHERE datname = '$(notdir $(BENCH_DATABASE_URL))'" | grep -q 1 \
		|| psql "$(dir $(BENCH_DATABASE_URL))postgres" -c "CREATE DATABASE $(notdir $(BENCH_DATABASE_URL))"
	DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_HTTPS=0 DJANGO_LOG_LEVEL=WARNING $(MANAGE) benchmark --sizes $(BENCH_SIZES)

# Refresh the Welsh catalogue from the strings marked in the code, then compile it.
messages: install-dev
	$(MANAGE) makemessages -l cy --no-location --no-obsolete --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=locale
	$(MANAGE) compilemessages -l cy --ignore=.venv --ignore=node_modules

# Five minutes at 50 concurrent connections over the main pages (run `make bench` first).
loadtest: install
	DATABASE_URL=$(BENCH_DATABASE_URL) bench/loadtest.sh 300

# Dump the PostgreSQL database at DATABASE_URL, restore it into a scratch database, compare rows.
backup-check: install
	$(MANAGE) backup_check

clean:
	rm -rf $(VENV) node_modules staticfiles
