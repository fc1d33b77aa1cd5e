# Every target sets up its own virtual environment first (only Python 3.10+ is needed on the machine).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint bench bench-quality golden clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	@mkdir -p .cache/demo
	@echo "== cleaner clean fixtures/articles/01_en_port_strike.txt (clean text) =="
	@$(BIN)/cleaner clean fixtures/articles/01_en_port_strike.txt -o .cache/demo/01.clean.txt --log .cache/demo/01.log.jsonl
	@cat .cache/demo/01.clean.txt; echo
	@echo "== what was removed (.cache/demo/01.log.jsonl) =="
	@cat .cache/demo/01.log.jsonl
	@echo "== cleaner explain fixtures/articles/05_de_nahverkehr_warnstreik.txt =="
	@$(BIN)/cleaner explain fixtures/articles/05_de_nahverkehr_warnstreik.txt

lint: $(STAMP)
	$(BIN)/ruff check cleaner tests scripts
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

bench-quality: $(STAMP)
	$(BIN)/python scripts/bench_quality.py

golden: $(STAMP)
	$(BIN)/python scripts/regen_golden.py

clean:
	rm -rf $(VENV) .cache .mypy_cache .ruff_cache .pytest_cache .hypothesis
