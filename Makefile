# Every target sets up its own virtual environment first (only Python 3.10+ is needed on the machine).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The demo needs only the package itself, not the dev tools (pyspark, pyarrow, mypy...): its own stamp.
DEMO_STAMP := $(VENV)/.demo-installed

.PHONY: setup demo test lint bench bench-quality bench-truncation bench-mine golden clean fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(DEMO_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(DEMO_STAMP)

setup: $(STAMP)

demo: $(DEMO_STAMP)
	@mkdir -p .cache/demo
	@echo "== cleaner diff fixtures/dumps/small.jsonl (what would be removed, first 3 documents) =="
	@$(BIN)/cleaner diff fixtures/dumps/small.jsonl --limit 3 --color never
	@echo
	@echo "== cleaner clean fixtures/dumps/small.jsonl -o .cache/demo/small.clean.jsonl --log .cache/demo/removals.jsonl \\"
	@echo "     --stats .cache/demo/stats.json --report .cache/demo/report.html --top 5 =="
	@$(BIN)/cleaner clean fixtures/dumps/small.jsonl -o .cache/demo/small.clean.jsonl --log .cache/demo/removals.jsonl \
		--stats .cache/demo/stats.json --report .cache/demo/report.html --top 5 -j 1
	@echo
	@echo "== first clean record (text field) =="
	@head -1 .cache/demo/small.clean.jsonl | $(BIN)/python -c "import json,sys; print(json.loads(sys.stdin.read())['text'])"
	@echo
	@echo "== first removals in the log =="
	@head -3 .cache/demo/removals.jsonl
	@echo
	@echo "== a text file, exactly: cleaner clean fixtures/articles/01_en_port_strike.txt =="
	@$(BIN)/cleaner clean fixtures/articles/01_en_port_strike.txt -q
	@echo
	@echo "== the HTML report of the run above (self-contained: open it in any browser, no network needed) =="
	@echo "file://$(abspath .cache/demo/report.html)"

lint: $(STAMP)
	$(BIN)/ruff check cleaner tests scripts
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_stages.py
	$(BIN)/python scripts/bench_report.py

bench-quality: $(STAMP)
	$(BIN)/python scripts/bench_quality.py

# Precision and recall of the truncated flag on a set built at run time from ../shared/corpus (fixed seed).
bench-truncation: $(STAMP)
	$(BIN)/python scripts/bench_truncation.py

# `cleaner mine` on the labelled sites corpus (recall, content kept, shapes), then speed and memory at 100 MB and 1 GB.
bench-mine: $(STAMP)
	$(BIN)/python scripts/bench_mine.py
	$(BIN)/python scripts/bench_mine.py --scale 100 1000

golden: $(STAMP)
	$(BIN)/python scripts/regen_golden.py

clean:
	rm -rf $(VENV) .cache .mypy_cache .ruff_cache .pytest_cache .hypothesis

# Coverage-guided fuzzing (atheris/libFuzzer), FUZZ_SECONDS per fuzzer; the corpus grows under .cache/fuzz/ and
# a crash is written to .cache/fuzz/crashes/. Replay one: $(BIN)/python fuzz/fuzz_engine.py CRASH_FILE
FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
FUZZ_DIR := .cache/fuzz
FUZZ_STAMP := $(VENV)/.fuzz-installed

$(FUZZ_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[fuzz]'
	touch $(FUZZ_STAMP)

fuzz: $(FUZZ_STAMP)
	@mkdir -p $(FUZZ_DIR)/loader $(FUZZ_DIR)/engine $(FUZZ_DIR)/crashes
	@status=0; \
	$(BIN)/python fuzz/fuzz_loader.py -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -dict=fuzz/yaml.dict \
		-artifact_prefix=$(FUZZ_DIR)/crashes/loader- $(FUZZ_FLAGS) $(FUZZ_DIR)/loader fuzz/seeds/loader || status=1; \
	$(BIN)/python fuzz/fuzz_engine.py -max_total_time=$(FUZZ_SECONDS) \
		-artifact_prefix=$(FUZZ_DIR)/crashes/engine- $(FUZZ_FLAGS) $(FUZZ_DIR)/engine || status=1; \
	exit $$status
