# Cordones — the two commands are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := var/tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/cordones
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install static-vendor demo serve test test-sqlite test-postgres test-browser lint audit bench messages compile-messages clean services chromium

$(UV):
	@mkdir -p var
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

## install: build .venv from the lockfile (provides the `cordones` command)
install: $(UV) static-vendor
	$(UV) sync --frozen --quiet

## static-vendor: front-end packages from package-lock.json (htmx), copied into var/vendor,
## which Django serves as static files (never a CDN)
static-vendor: var/vendor/htmx.min.js

var/vendor/htmx.min.js: package-lock.json
	@test -d node_modules/htmx.org || npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p var/vendor
	cp node_modules/htmx.org/dist/htmx.min.js $@

compile-messages: install
	cd src/cordones && ../../$(BIN)/django-admin compilemessages --ignore='.venv' -v0

## messages: re-extract the translatable strings into the .po files
messages: install
	cd src/cordones && DJANGO_SETTINGS_MODULE=config.settings PYTHONPATH=../.. ../../$(BIN)/django-admin makemessages -l es -l pt_BR -l en --no-obsolete --no-location -v0

## demo: set up, load the demo network and serve it on http://127.0.0.1:8000
demo: install compile-messages
	$(BIN)/cordones migrate --no-input -v0
	$(BIN)/cordones demo
	@echo "Serving on http://127.0.0.1:8000  (Ctrl-C to stop)"
	$(BIN)/cordones runserver 127.0.0.1:8000

## serve: production server against DATABASE_URL (set SECRET_KEY, ALLOWED_HOSTS)
serve: install compile-messages
	CORDONES_ENV=production $(BIN)/cordones collectstatic --no-input -v0
	CORDONES_ENV=production $(BIN)/cordones migrate --no-input -v0
	CORDONES_ENV=production $(BIN)/gunicorn config.wsgi:application --bind $${BIND:-127.0.0.1:8000} --worker-class gthread --workers $${WORKERS:-3} --threads $${THREADS:-2} --access-logfile -

## services: start PostgreSQL if it is down and make sure Chromium is installed
services:
	@bash scripts/ensure-services.sh

## test: the whole suite on SQLite, then on PostgreSQL with the browser tests
test: install compile-messages services
	$(BIN)/pytest -q -n 2 -m "not browser" -p no:cacheprovider
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -n 2 -p no:cacheprovider

test-sqlite: install compile-messages
	$(BIN)/pytest -q -n 2 -m "not browser"

test-postgres: install compile-messages services
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -n 2 -m "not browser"

test-browser: install compile-messages services
	$(BIN)/pytest -q -m browser

## lint: ruff, mypy and the import-layering contract
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy src config

## audit: schemathesis against the API (logged out, a member, a secretary), the generated
## bad-input test on SQLite and PostgreSQL, and pip-audit of the lockfile when an advisory
## source is reachable (scripts/audit.sh; AUDIT_EXAMPLES=n for a longer run)
audit: install compile-messages services
	PG_URL=$(PG_URL) bash scripts/audit.sh

## bench: benchmarks, printed (never asserted)
bench: install compile-messages
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) var/tools var/static var/vendor
