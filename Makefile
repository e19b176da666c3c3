# `make demo` sets everything up and runs the main job on the bundled sample corpus;
# `make test` sets everything up and runs the test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test fuzz bench screenshot clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/claims demo -o out/claims.jsonl
	$(BIN)/claims table all out/claims.jsonl -o out/tables.xlsx
	$(BIN)/claims table all out/claims.jsonl -o out/tables.md
	$(BIN)/claims eval --gold tests/fixtures/seed_gold.jsonl out/claims.jsonl
	$(BIN)/claims review out/claims.jsonl --docs claims/sample/seed_trending_gpt.txt \
		--gold tests/fixtures/seed_gold.jsonl -o out/review.html

test: $(STAMP)
	$(BIN)/ruff check claims tests bench
	$(BIN)/python -m pytest

# The fuzz tests with many more examples than CI runs (HYPOTHESIS_PROFILE=long).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest tests/test_reliability.py tests/test_hostile_output.py

bench: $(STAMP)
	$(BIN)/python bench/run.py

# The README's picture of the review page, taken by the browser test.
screenshot: $(STAMP)
	REVIEW_SCREENSHOT=docs/review.png $(BIN)/python -m pytest tests/test_review_browser.py

clean:
	rm -rf $(VENV) out build *.egg-info
