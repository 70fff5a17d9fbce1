# Two commands do all set-up on a fresh machine:  `make run`  and  `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/pipeline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,dask]'
	touch $@

.PHONY: run test
run: $(BIN)/pipeline
	$(BIN)/pipeline run

test: $(BIN)/pipeline
	$(BIN)/ruff check pipeline tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest
