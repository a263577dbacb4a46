# The two commands of the README:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_HOST ?= 127.0.0.1
DEMO_PORT ?= 8000
# Test processes (pytest-xdist, work-stealing: a worker left without tests takes the other
# one's, so a few long server tests do not leave one core idle at the end).
TEST_WORKERS ?= 2

.PHONY: demo test lint format tox bump-tools clean

$(STAMP): setup.cfg setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Set up and run the example project with MCP mounted at /mcp/ (DEMO_HOST, DEMO_PORT).
demo: $(STAMP)
	@$(BIN)/python example/run_demo.py --host $(DEMO_HOST) --port $(DEMO_PORT)

## Set up and run the whole test suite (what CI runs): Debian packages the tests use
## (.ci/system-packages: as root, only the missing ones), the venv, then pytest, every test
## once, in TEST_WORKERS processes, the slowest listed at the end.
test: $(STAMP)
	@.ci/system-packages
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal --durations=25

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Move the pinned linters, type checker and stubs (setup.cfg, dev extra) to their newest
## releases; then run `make lint`, `.venv/bin/mypy` and `make test` before committing.
bump-tools: $(STAMP)
	$(BIN)/python .ci/bump-tools

## The supported Python x Django matrix (see tox.ini).
tox: $(STAMP)
	$(BIN)/tox

clean:
	rm -rf $(VENV) .tox build dist *.egg-info example/db.sqlite3
