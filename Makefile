# sitrep: two commands set everything up on a fresh machine.
#   make demo   - virtual environment, install, ingest the bundled samples, print the events
#   make test   - install the dev extras and run the test suite
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= sitrep.duckdb
SAMPLES := src/sitrep/data/samples

.PHONY: demo test install install-dev lint bench eval fuzz load clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/sitrep ingest $(SAMPLES) --db $(DB)
	$(BIN)/sitrep events --db $(DB)
	@echo "Run: $(BIN)/sitrep serve --db $(DB), then open http://127.0.0.1:8000/"

test: install-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

lint: install-dev
	$(BIN)/ruff check src tests benchmarks

bench: install-dev
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/fusion.py
	$(BIN)/python benchmarks/engines.py
	$(BIN)/python benchmarks/ingest_scale.py

fuzz: install-dev
	SITREP_FUZZ=1 $(BIN)/python -m pytest -q -s tests/test_fuzz.py

load: install-dev
	$(BIN)/python benchmarks/serve_load.py

eval: install
	$(BIN)/sitrep eval temporal
	$(BIN)/sitrep eval geo
	$(BIN)/sitrep eval seed
	$(BIN)/sitrep eval articles
	$(BIN)/sitrep eval news --split test

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
