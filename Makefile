# LPIP Evidence Hub: `make run` to serve it locally, `make test` to test it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: install install-dev run test test-unit test-e2e lint migrations-check bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

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

test-unit: install-dev
	$(BIN)/pytest -rs

test-e2e: install-dev node_modules/.installed
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Browser tests need Chromium: sudo apt-get install chromium (.ci/run installs it)."; \
		exit 1; \
	fi
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -rs -m e2e tests/e2e

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: install-dev
	$(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules staticfiles
