# Candour: `make run` sets everything up on a fresh Debian machine (as root) and serves the app;
# `make test` installs what the tests need and runs the whole suite. `make help` lists the rest.

SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 5000
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
CANDOUR := $(VENV)/bin/candour
STAMPS := .stamps
PYTHON ?= python3
TEST_PG_URL ?= postgresql+psycopg://root@127.0.0.1:5432/test
PYTEST_ARGS ?=

# Debian packages the formats, the anonymisation guard (OCR in the seven launch languages, qpdf),
# the browser tests and the asset build need.
DEBIAN_RUN := fonts-noto-core fonts-noto-ui-core liblouis-bin liblouis-data espeak-ng lame \
	poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 nodejs npm python3-venv \
	qpdf tesseract-ocr tesseract-ocr-eng tesseract-ocr-cym tesseract-ocr-pol tesseract-ocr-ron \
	tesseract-ocr-urd tesseract-ocr-ara tesseract-ocr-ben
DEBIAN_TEST := $(DEBIAN_RUN) chromium ffmpeg redis-tools
# The benchmarks: wrk drives the load, Chromium runs Lighthouse (the npm package, installed with the
# assets), PostgreSQL holds the 10,000 reviews, ps (procps) finds the workers to weigh.
DEBIAN_BENCH := $(DEBIAN_RUN) wrk chromium postgresql procps

.PHONY: help run test lint fmt bench lock install assets translations db demo system-packages helm \
	system-packages-test system-packages-bench install-test i18n-extract i18n-update clean

help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

run: system-packages install assets translations db demo ## Set everything up; serve on http://127.0.0.1:$(PORT) with one worker
	@echo "Candour on http://127.0.0.1:$(PORT)/ and one background worker (Ctrl-C stops both)"
	@$(CANDOUR) worker --workers 1 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
		$(CANDOUR) serve --host 127.0.0.1 --port $(PORT)

test: system-packages-test install-test assets translations helm ## Install what the tests need and run the whole suite
	@bash .ci/test-suite

lint: install-test ## ruff (lint and format check) and mypy on core/
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

fmt: install-test ## Format and fix what ruff can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: system-packages-bench install-test assets translations ## Run the benchmarks and print the table of ratios
	@bash bench/run

helm: ## A static helm binary in .venv/bin (for the chart tests)
	@bash scripts/install-helm.sh

# -- set-up steps (each safe to repeat, and fast the second time) -----------------------------------

system-packages: ## Debian packages the formats need (installs only what is missing)
	@bash .ci/debian-packages $(DEBIAN_RUN)

system-packages-test:
	@bash .ci/debian-packages $(DEBIAN_TEST)

system-packages-bench:
	@bash .ci/debian-packages $(DEBIAN_BENCH)

# Every Python package comes from the lock files in requirements/ (pinned, with hashes): pip refuses
# anything not in them. Candour itself and the test plugins are then installed without dependencies.
LOCKED := $(PIP) install -q --require-hashes --only-binary=:all:
SELF := PYTHONWARNINGS="ignore:Editable installation" $(PIP) install -q --no-deps --no-build-isolation

$(STAMPS)/venv: requirements/build.txt
	@mkdir -p $(STAMPS)
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(LOCKED) -r requirements/build.txt
	@touch $@

$(STAMPS)/install: pyproject.toml requirements/runtime.txt $(STAMPS)/venv
	$(LOCKED) -r requirements/runtime.txt
	$(SELF) -e .
	@touch $@

$(STAMPS)/install-test: pyproject.toml requirements/test.txt $(STAMPS)/venv $(wildcard tests/plugins/*/pyproject.toml)
	$(LOCKED) -r requirements/test.txt
	$(SELF) -e .
	@for p in tests/plugins/*/; do [ -f "$$p/pyproject.toml" ] && $(SELF) -e "$$p" || true; done
	@touch $(STAMPS)/install $@

lock: $(STAMPS)/venv ## Re-lock every Python dependency (with hashes) from pyproject.toml and requirements/*.in
	@PATH="$(abspath $(VENV))/bin:$$PATH" $(PY) scripts/lock.py write

install: $(STAMPS)/install ## Create .venv and install Candour
install-test: $(STAMPS)/install-test ## Install Candour with the test tools and test plugins

$(STAMPS)/npm: package.json package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The Python that cuts the web fonts (fontTools, brotli: runtime dependencies); the image passes its own.
ASSETS_PY ?= $(PY)
assets: $(STAMPS)/npm $(if $(filter $(PY),$(ASSETS_PY)),$(STAMPS)/install) ## Build the stylesheets (purged, split, fingerprinted, precompressed) and web fonts
	@rm -rf core/static/vendor && mkdir -p core/static/vendor/build core/static/vendor/govuk
	@$(ASSETS_PY) scripts/build_assets.py fonts
	@node_modules/.bin/sass --load-path=node_modules --style=compressed --no-source-map --quiet-deps \
		--silence-deprecation=import --silence-deprecation=global-builtin \
		core/static/src/candour.scss core/static/vendor/candour-full.css
	@node scripts/purge-css.mjs core/static/vendor/candour-full.css core/static/vendor/build
	@cp -r node_modules/govuk-frontend/dist/govuk/assets core/static/vendor/govuk/
	@rm -rf core/static/vendor/govuk/assets/fonts
	@cp node_modules/axe-core/axe.min.js core/static/vendor/axe.min.js
	@$(ASSETS_PY) scripts/build_assets.py finish

translations: install ## Compile the gettext catalogs
	@$(VENV)/bin/pybabel -q compile -d translations

i18n-extract: install ## Extract messages into translations/messages.pot
	$(VENV)/bin/pybabel -q extract -F translations/babel.cfg --sort-output \
		--project=Candour -o translations/messages.pot core plugins

i18n-update: i18n-extract ## Merge new messages into every catalog
	$(VENV)/bin/pybabel -q update -i translations/messages.pot -d translations --no-fuzzy-matching

db: install translations ## Migrate the database and load tenants/
	@$(CANDOUR) db upgrade
	@$(CANDOUR) tenants load

demo: db ## Create the demo staff accounts (their sign-in is printed once) and sample reviews
	@$(CANDOUR) demo accounts
	@$(CANDOUR) demo reviews

clean: ## Remove the virtualenv, built assets and the local database
	rm -rf $(VENV) $(STAMPS) node_modules core/static/vendor instance
