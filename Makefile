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

.PHONY: install system-packages demo serve test test-sqlite test-postgres test-browser lint audit bench messages compile-messages clean services chromium mutate-require

$(UV):
	@mkdir -p var
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

## install: build .venv from the lockfile (provides the `cordones` command; htmx comes in
## the django-htmx package and is served as a static file, never from a CDN)
install: $(UV)
	$(UV) sync --frozen --quiet

## system-packages: gettext (for compilemessages) and Pango (for WeasyPrint), if missing
system-packages:
	@bash scripts/ensure-system-packages.sh

compile-messages: install system-packages
	cd src/cordones && ../../$(BIN)/django-admin compilemessages --ignore='.venv' -v0

## messages: re-extract the translatable strings into the .po files
messages: install
	cd src/cordones && DJANGO_SETTINGS_MODULE=config.settings PYTHONPATH=../.. ../../$(BIN)/django-admin makemessages -l es -l pt_BR -l en --no-obsolete --no-location -v0

## demo: set up, load the demo network and serve it on http://127.0.0.1:$(PORT) (PORT=8000 by
## default); the demo's links (emails, the door's QR code) follow PORT, and the start page
## lists the demo's accounts (CORDONES_DEMO)
PORT ?= 8000
demo: export SITE_URL = http://127.0.0.1:$(PORT)
demo: export CORDONES_DEMO = 1
demo: install compile-messages
	$(BIN)/cordones migrate --no-input -v0
	$(BIN)/cordones demo
	@echo "Serving on $(SITE_URL)  (Ctrl-C to stop)"
	@# one background worker beside the server (ADR 0006), stopped when the server stops
	$(BIN)/cordones worker -v 0 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	$(BIN)/cordones runserver 127.0.0.1:$(PORT)

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

## mutate-require: delete each require() call of the services in turn (on SQLite); the
## persona x service matrix must fail for every one, or this exits non-zero
mutate-require: install compile-messages
	$(BIN)/python scripts/mutate_require.py

## audit: schemathesis against the API (logged out, a member, a secretary), the generated
## bad-input test on SQLite and PostgreSQL, and pip-audit of the lockfile when an advisory
## source is reachable (scripts/audit.sh; AUDIT_EXAMPLES=n for a longer run)
audit: install compile-messages services
	PG_URL=$(PG_URL) bash scripts/audit.sh

## bench: benchmarks, printed (never asserted); their tables are written into docs/benchmarks.md
bench: install compile-messages
	@for b in bench/bench_*.py; do echo "== $$b"; BENCH_DOCS=docs/benchmarks.md $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) var/tools var/static
