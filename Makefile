# Two commands on a fresh clone: `make serve` (live preview) and `make test` (every test).
# Everything else is set up on the way: the virtualenv, pinned packages and, for tests, Chromium.
# `make help` lists every target; a target's `## text` is its help line.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Reproducible builds: stamp pages and the sitemap with the last commit's time, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH
# Material prints its end-of-life notice at every build; keep it visible (do not set NO_MKDOCS_2_WARNING).

.PHONY: help install serve build validate format check lint test test-fast zensical chromium new sync freshness \
	rankings-diff evidence bench linkcheck schema clean generate lock zensical-serve package

help: ## list the targets
	@awk -F ':.*## ' '/^[a-z-]+:.*## /{printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo ""
	@echo "  Options: make serve PORT=8123; make new ARGS='framework my-framework --name \"My Framework\"';"
	@echo "           make sync ARGS=--write; make evidence ARGS='--framework jax'"

# Every install is hash-checked: requirements*.lock are requirements*.txt (the exact pins) compiled with the hash
# of every file PyPI serves for each pin (`make lock`); tests/tools/test_workflows.py checks that they agree.
$(VENV)/.installed-site: requirements.txt requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-test: requirements-test.txt requirements.txt requirements-test.lock $(VENV)/.installed-site
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-test.lock
	touch $@

install: $(VENV)/.installed-site ## create the virtualenv with the pinned packages (every target does it when needed)

serve: $(VENV)/.installed-site ## live preview at http://127.0.0.1:$(PORT): data, template and code edits reload; errors show in the page
	$(PY) scripts/serve.py --port $(PORT)

# Build into a temporary folder and swap it in only on success: a failed build leaves site/ whole.
build: validate ## validate the data, then build the site into site/
	rm -rf site.tmp
	$(VENV)/bin/mkdocs build --strict --site-dir site.tmp
	rm -rf site.old && (test ! -d site || mv site site.old) && mv site.tmp site && rm -rf site.old

validate: $(VENV)/.installed-site ## check data/ and report every error as file:line:col
	$(PY) scripts/validate.py $(DLM_DATA_DIR)

format: $(VENV)/.installed-site ## rewrite data/ in the canonical format (comments kept)
	$(PY) scripts/format.py

lint: $(VENV)/.installed-test ## ruff and mypy over the code
	$(VENV)/bin/ruff check dlmatrix scripts tests main.py
	$(VENV)/bin/mypy

# Tests run on two workers (pytest-xdist); a module's build and browser tests stay on one worker (conftest.py).
PYTEST := $(PY) -m pytest -n 2 --dist loadgroup

check: validate lint ## the quick checks before a pull request: data, format, lint, tests that build nothing
	$(PY) scripts/format.py --check
	$(PYTEST) -q -m "not browser and not build"

test: $(VENV)/.installed-test chromium ## every test: data, format, lint, builds (MkDocs and Zensical), Chromium
	$(PY) scripts/format.py --check
	$(VENV)/bin/ruff check dlmatrix scripts tests main.py
	$(VENV)/bin/mypy
	$(PYTEST)

test-fast: $(VENV)/.installed-test ## every test but the browser tests
	$(PYTEST) -m "not browser"

# Zensical collects docs/ before it runs any macro: write the API, feeds, badges and assets into docs/ first.
# (MkDocs builds write them themselves, from main.py, before MkDocs collects files.)
# The production build moves to Zensical by 2027-04 (docs/about/maintaining.md): these two are its build and preview.
zensical: $(VENV)/.installed-test validate generate ## build the site with Zensical 0.1.2 into site/
	$(VENV)/bin/zensical build --clean --strict

zensical-serve: $(VENV)/.installed-test generate ## live preview with Zensical at http://127.0.0.1:$(PORT) (after a data edit: make generate)
	$(VENV)/bin/zensical serve --dev-addr 127.0.0.1:$(PORT)

generate: $(VENV)/.installed-site ## write the data API, Atom feeds, badges and shipped assets into docs/ (git-ignored)
	$(PY) scripts/generate.py $(DLM_DATA_DIR)

package: validate ## build the data package (a wheel: the data API's files and a loader) into dist/
	$(PY) scripts/package.py

chromium:
	@bash scripts/ensure_chromium.sh

new: $(VENV)/.installed-site ## start a framework, feature or use case: make new ARGS='framework my-framework'
	$(PY) scripts/new.py $(ARGS)

sync: $(VENV)/.installed-site ## compare release, Python and wheel rows with PyPI and npm (ARGS=--write updates them)
	$(PY) scripts/sync.py $(ARGS)

freshness: $(VENV)/.installed-site ## list cells checked more than 12 months ago
	$(PY) scripts/freshness.py $(ARGS)

rankings-diff: $(VENV)/.installed-site ## how each use case's ranking changes against main (BASE=ref)
	$(PY) scripts/rankings_diff.py $(if $(BASE),--base $(BASE)) $(ARGS)

evidence: $(VENV)/.installed-site ## run every code example in each framework's own virtualenv, record results
	$(PY) scripts/evidence.py $(ARGS)

# Performance benchmark: build vs a bare-Material floor, page weight, filter latency, Lighthouse.
bench: $(VENV)/.installed-test ## the performance benchmark (not part of make test; run on a quiet machine)
	$(PY) scripts/bench.py $(ARGS)

# Needs a network; not part of `make test`. Options: make linkcheck ARGS="--refresh --max-requests 50"
linkcheck: $(VENV)/.installed-site ## check every source URL online (HEAD, then GET), cached in .cache/
	$(PY) scripts/linkcheck.py $(ARGS)

# pip-tools in a throwaway virtualenv, asking PyPI itself (PIP_CONFIG_FILE=/dev/null: no local index or constraint).
PIP_COMPILE_ARGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: ## after editing requirements*.txt: regenerate requirements*.lock, the pins with their hashes
	rm -rf .cache/lock-venv && $(PYTHON) -m venv .cache/lock-venv
	PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= .cache/lock-venv/bin/pip install --quiet pip-tools==7.5.3
	PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= .cache/lock-venv/bin/pip-compile $(PIP_COMPILE_ARGS) -o requirements.lock requirements.txt
	PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= .cache/lock-venv/bin/pip-compile $(PIP_COMPILE_ARGS) -o requirements-test.lock requirements-test.txt
	rm -rf .cache/lock-venv

schema: $(VENV)/.installed-site ## write data/schema/*.json from the model (a test fails when they are stale)
	$(PY) scripts/export_schema.py

clean: ## remove built sites and caches
	rm -rf site site.tmp site.old dist .pytest_cache .mypy_cache .ruff_cache docs/api/v1 docs/badges docs/changes*.xml docs/llms.txt docs/llms-full.txt
