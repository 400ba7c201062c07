# e-RKT. `make run` serves the demo office on http://127.0.0.1:8000;
# `make test` runs the whole suite. Both install what the machine lacks.

SHELL := /bin/bash
.DEFAULT_GOAL := help

BIN := .venv/bin
UV = "$$(scripts/ensure-uv)"
# uv must use this machine's Python 3.11: a download of its own cannot work offline.
export UV_PYTHON_DOWNLOADS := never
PYTEST_ARGS ?=
# One pytest worker per core (pytest-xdist); PYTEST_WORKERS=0 runs in this process.
PYTEST_WORKERS ?= auto
PYTEST = $(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal
BENCH_ARGS ?=

.PHONY: help run test test-pg lint bench ci system-packages venv venv-test

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

run: system-packages venv ## Serve the demo office on http://127.0.0.1:8000 (gunicorn, DEBUG off)
	@scripts/run

test: system-packages venv-test ## Run the whole test suite (SQLite, or DATABASE_URL)
	$(PYTEST) $(PYTEST_ARGS)

test-pg: system-packages venv-test ## Run the whole test suite on a throwaway PostgreSQL server
	scripts/pg-test-server run $(PYTEST) $(PYTEST_ARGS)

lint: venv-test ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Bytecode written (as .ci/run does): with PYTHONDONTWRITEBYTECODE set, each of the bench's
# gunicorn workers compiled Django, the app and the holidays package from source again.
bench: venv-test ## Time, SQL queries and memory of the main pages (results in data/bench/)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m erkt.testing.bench $(BENCH_ARGS)

ci: ## What CI runs: lint, checks, the suite on SQLite and on PostgreSQL
	bash .ci/run

system-packages:
	@scripts/ensure-system-packages

# --inexact: `make run` must not uninstall the test tools from a developer's venv.
venv:
	@$(UV) sync --frozen --inexact --quiet

venv-test:
	@$(UV) sync --frozen --extra test --quiet
