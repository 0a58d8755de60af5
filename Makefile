# Schakel — the two commands a new user runs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SIZE ?= 20000
SEED ?= 42
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=

.PHONY: install demo test test-postgres test-browser bench bench-foundation bench-outcomes bench-exchange bench-finance bench-monitoring lint format openapi openapi-check docs clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Start the demo: SQLite, a synthetic municipality (SIZE inhabitants), demo users, web server and worker.
demo: $(STAMP)
	$(BIN)/schakel demo --size $(SIZE) --seed $(SEED) --port $(PORT)

## The whole test suite on SQLite.
test: $(STAMP)
	SCHAKEL_VAR_DIR=$(CURDIR)/var/test $(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

## The whole test suite on PostgreSQL (DATABASE_URL, default the local CI database).
test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} SCHAKEL_VAR_DIR=$(CURDIR)/var/test $(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

## All benchmarks (results under bench/results/); each one also has its own target.
bench: bench-foundation bench-outcomes bench-exchange bench-finance bench-monitoring

bench-foundation: $(STAMP)
	$(BIN)/python -m bench.run

bench-outcomes: $(STAMP)
	$(BIN)/python -m bench.outcomes

bench-exchange: $(STAMP)
	$(BIN)/python -m bench.exchange

bench-finance: $(STAMP)
	$(BIN)/python -m bench.finance

bench-monitoring: $(STAMP)
	$(BIN)/python -m bench.monitoring

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

openapi: $(STAMP)
	SCHAKEL_TESTING=1 $(BIN)/schakel spectacular --api-version v1 --file openapi.yaml --validate --fail-on-warn

openapi-check: $(STAMP)
	SCHAKEL_TESTING=1 $(BIN)/schakel spectacular --api-version v1 --file var/openapi.check.yaml --validate --fail-on-warn
	diff -u openapi.yaml var/openapi.check.yaml

clean:
	rm -rf var/test var/openapi.check.yaml
