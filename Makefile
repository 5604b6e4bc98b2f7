# Regie — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
VENV  := .venv
BIN   := $(VENV)/bin
PYTHON ?= $(shell scripts/find-python.sh)
# The test suite talks to the machine's own PostgreSQL and Redis (see dtv/settings/test.py).
export DATABASE_URL_TEST ?= postgres://postgres@127.0.0.1:5432/regie

.PHONY: run test bench install lint security audit system-deps services messages vendor clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required (python3.12/python3.13 on PATH)."; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	@touch $@

install: $(VENV)/.installed

## make run: the app with demo data on SQLite and a server-less Celery broker, Ctrl-C stops all.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "Regie runs on http://127.0.0.1:8000 (web, Celery worker and beat). Ctrl-C stops all three."
	@echo ""
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho --procfile Procfile.dev start

## make test: ruff, import contracts, bandit and the whole suite on PostgreSQL + Redis + headless Chromium.
test: install system-deps services
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(MAKE) --no-print-directory security
	DATABASE_URL=$(DATABASE_URL_TEST) $(BIN)/pytest

## make security: bandit over everything that ships (config in pyproject.toml); fails on medium or high.
security: install
	$(BIN)/bandit -c pyproject.toml -r . --severity-level medium --quiet

## make audit: known vulnerabilities in the installed dependencies (pip-audit; needs its online service).
## Fails when it audited nothing, instead of reporting "no known vulnerabilities".
audit: install
	$(BIN)/python scripts/audit.py

## make bench: 100,000 synthetic cases in PostgreSQL database regie_bench, then timings (a benchmark, not a test).
bench: install system-deps services
	@scripts/bench.sh $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

system-deps:
	@scripts/ensure-system-deps.sh

services:
	@scripts/ensure-services.sh

## make messages: refresh the translation catalogues after changing user-facing strings.
messages: install
	$(BIN)/python manage.py makemessages -l nl -l en --ignore=.venv --ignore=var --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

## make vendor: refresh the vendored NL Design System CSS and htmx from the npm registry.
vendor:
	@scripts/vendor-frontend.sh

clean:
	rm -rf $(VENV) var
