# Two commands on a fresh clone: `make serve` (live preview) and `make test` (every test).
# Everything else is set up on the way: the virtualenv, pinned packages and, for tests, Chromium.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Reproducible builds: stamp pages and the sitemap with the last commit's time, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH
# Material prints its end-of-life notice at every build; keep it visible (do not set NO_MKDOCS_2_WARNING).

.PHONY: serve build validate test test-fast zensical chromium bench linkcheck format clean help

help:
	@echo "make serve      live preview at http://127.0.0.1:8000 (reloads on docs/, data/, dlmatrix/ edits)"
	@echo "make build      validate the data, then build the site into site/"
	@echo "make test       every test, browser tests in Chromium included"
	@echo "make validate   check data/ and report every error"
	@echo "make bench      the performance benchmark (not part of make test)"
	@echo "make linkcheck  check every source URL online (needs a network)"
	@echo "make format     rewrite data/ in the canonical format (comments kept)"

$(VENV)/.installed-site: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt requirements.txt $(VENV)/.installed-site
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

validate: $(VENV)/.installed-site
	$(PY) scripts/validate.py $(DLM_DATA_DIR)

serve: validate
	DLM_RELOAD=1 $(VENV)/bin/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

# Build into a temporary folder and swap it in only on success: a failed build leaves site/ whole.
build: validate
	rm -rf site.tmp
	$(VENV)/bin/mkdocs build --strict --site-dir site.tmp
	rm -rf site.old && (test ! -d site || mv site site.old) && mv site.tmp site && rm -rf site.old

zensical: $(VENV)/.installed-test validate
	$(VENV)/bin/zensical build --clean --strict

chromium:
	@bash scripts/ensure_chromium.sh

test: $(VENV)/.installed-test chromium
	$(PY) scripts/format.py --check
	$(PY) -m pytest

test-fast: $(VENV)/.installed-test
	$(PY) -m pytest -m "not browser"

format: $(VENV)/.installed-site
	$(PY) scripts/format.py

clean:
	rm -rf site site.tmp site.old .pytest_cache

# Performance benchmark (issue #7): build vs a bare-Material floor, page weight, filter latency, Lighthouse.
bench: $(VENV)/.installed-test
	$(PY) scripts/bench.py

# Check every source URL in data/ online (HEAD, then GET), with a cache in .cache/linkcheck.json.
# Needs a network; not part of `make test`. Options: make linkcheck LINKCHECK_ARGS="--refresh --max-requests 50"
linkcheck: $(VENV)/.installed-site
	$(PY) scripts/linkcheck.py $(LINKCHECK_ARGS)
