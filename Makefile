# `make site` and `make test` do all the set-up a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check golden clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

site: $(STAMP)  ## regenerate docs/ from seeds/ and build the site into site/
	$(BIN)/briefing build
	$(BIN)/mkdocs build --strict

test: $(STAMP)  ## the whole test suite
	$(BIN)/pytest

serve: $(STAMP)  ## live preview; edits under seeds/ regenerate the pages
	$(BIN)/mkdocs serve

check: $(STAMP)  ## validate inputs; fail when docs/ is stale
	$(BIN)/briefing check

golden: $(STAMP)  ## accept the current output of the seed pages as the golden files
	$(BIN)/python -m tests.golden --update

clean:
	rm -rf site $(VENV)
