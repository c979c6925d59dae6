# The edition's commands. `make serve` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build prepare check report test lint bench build-zensical system-deps clean

help:
	@echo "make serve           build the edition and serve it on http://127.0.0.1:8000"
	@echo "make test            run every check: lint, docs/ up to date, unit, site and browser tests"
	@echo "make build           static site into site/ (strict)"
	@echo "make prepare         regenerate docs/ from source/"
	@echo "make report          the suspects report"
	@echo "make bench           benchmark figures"
	@echo "make build-zensical  the same docs/ built with Zensical into site-zensical/"

# The virtual environment, from the lock file (pinned versions, checked hashes).
$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

venv: $(STAMP)

prepare: $(STAMP)
	$(BIN)/python scripts/prepare.py

check: $(STAMP)
	$(BIN)/python scripts/prepare.py --check

report: $(STAMP)
	$(BIN)/python scripts/prepare.py --report

# The site, then the steps that work on the built site (search index, downloads).
build: prepare
	$(BIN)/mkdocs build --strict
	$(BIN)/python scripts/postbuild.py site

# The editor's loop: build, serve on 127.0.0.1:$(PORT), rebuild and reload on every saved change.
serve: $(STAMP)
	$(BIN)/python scripts/serve.py --port $(PORT)

build-zensical: prepare
	$(BIN)/python scripts/build_zensical.py

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

# Debian packages the browser tests need (Chromium) and the npm package axe-core; as root only.
system-deps:
	@scripts/system-deps.sh

test: $(STAMP) system-deps
	$(MAKE) lint
	$(BIN)/python scripts/prepare.py --check
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site site-zensical .pytest_cache
