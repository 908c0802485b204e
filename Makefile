# `make check` runs locally what CI (.ci/run) runs: ruff, mypy and import-linter
# (`make lint`), then the tests as the README's test command runs them.
# `make -k lint` runs all three checks even when one fails.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: check lint ruff mypy imports test venv

check: lint test

lint: ruff mypy imports

# Reinstalls only when the dependencies or their pins change.
venv: $(VENV)/.installed-dev
$(VENV)/.installed-dev: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -c constraints.txt -e ".[dev]"
	touch $@

ruff: venv
	$(BIN)/ruff check hamcoach tests benchmarks

mypy: venv
	$(BIN)/mypy hamcoach

imports: venv
	$(BIN)/lint-imports

# The same options as the README's test command.
test: venv
	$(BIN)/python -m pytest -q -n 4
