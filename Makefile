# `make demo` sets everything up and runs the main job on the bundled sample corpus;
# `make test` sets everything up and runs the test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The oldest and the newest Python that pyproject.toml declares (its classifiers).
PYTHONS ?= 3.10 3.13

.PHONY: demo test test-pythons fuzz bench screenshot clean

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

# `make test` on each of PYTHONS, in a venv of its own (.venv-3.10, ...); a version this
# machine lacks is skipped, saying so (.ci/find-python looks on PATH and in pyenv).
test-pythons:
	@for version in $(PYTHONS); do \
		python=$$(.ci/find-python $$version) \
			|| { echo "test-pythons: no Python $$version on this machine; skipped" >&2; continue; }; \
		echo "test-pythons: Python $$version ($$python)"; \
		$(MAKE) test PYTHON=$$python VENV=.venv-$$version || exit 1; \
	done

# The fuzz tests with many more examples than CI runs (HYPOTHESIS_PROFILE=long).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest tests/test_reliability.py tests/test_hostile_output.py

bench: $(STAMP)
	$(BIN)/python bench/run.py

# The README's picture of the review page, taken by the browser test.
screenshot: $(STAMP)
	REVIEW_SCREENSHOT=docs/review.png $(BIN)/python -m pytest tests/test_review_browser.py

clean:
	rm -rf $(VENV) $(PYTHONS:%=.venv-%) out build *.egg-info
