# The documented way to do everything. `make run` and `make test` work from a fresh clone.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint format install clean serve-prod bench bench-short drills backup restore messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

# The Spanish interface words and the English words of Wagtail's workflow e-mails, compiled
# from the catalogues (polib: no gettext tools needed).
CATALOGUES := locale/es/LC_MESSAGES/django locale/en/LC_MESSAGES/django
$(addsuffix .mo,$(CATALOGUES)): %.mo: %.po $(STAMP)
	$(BIN)/python manage.py compile_catalogues

install: $(STAMP) $(addsuffix .mo,$(CATALOGUES))

# Adds the public site's new interface words to the catalogue (needs GNU gettext). The admin's
# templates and tags are left out: their words are Wagtail's and Wagtail translates them.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l es --no-obsolete -i node_modules -i static \
		-i 'medical_review/templates/wagtailadmin/*' -i 'medical_review/templates/medical_review/admin/*' \
		-i 'medical_review/templatetags/*'

# PORT reaches the settings too: the admin links in e-mails and the default Site's address
# (sitemap, full page URLs) name the port the server really listens on.
run: install
	PORT=$(PORT) $(BIN)/python manage.py migrate --noinput
	PORT=$(PORT) $(BIN)/python manage.py load_treatment_guide
	PORT=$(PORT) $(BIN)/python manage.py load_foundation_site
	PORT=$(PORT) $(BIN)/python manage.py create_demo_accounts
	PORT=$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The suite runs in TEST_WORKERS processes (pytest-xdist), each on a test database of its own;
# the tests that commit to the database run on one of them, in order (tests/conftest.py).
# The drills (marker "drills": gunicorn, Varnish and PostgreSQL stopped on purpose) are
# `make drills`.
TEST_WORKERS ?= 2
test: install
	scripts/ensure-chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=sps_foundation.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup -m "not drills"

# Production: gunicorn with production settings. Needs SECRET_KEY, ALLOWED_HOSTS and
# DATABASE_URL in the environment (see docs/operations.md). Django's cache table
# comes first.
PROD := DJANGO_SETTINGS_MODULE=sps_foundation.settings.production
serve-prod: install
	$(PROD) $(BIN)/python manage.py createcachetable
	$(PROD) $(BIN)/python manage.py migrate --noinput
	$(PROD) $(BIN)/python manage.py collectstatic --noinput -v0
	$(PROD) $(BIN)/gunicorn -c sps_foundation/gunicorn.conf.py sps_foundation.wsgi:application

# Benchmark under gunicorn + wrk on loopback; writes docs/PERFORMANCE.md.
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

bench-short: $(STAMP)
	$(BIN)/python scripts/bench.py --short

# Fault drills: Varnish in front of two gunicorn servers on a PostgreSQL of their own (started
# by scripts/postgres, which the drills stop and start again).
DRILL_PG_PORT ?= 27543
drills: $(STAMP)
	DATABASE_URL=$$(scripts/postgres start $(DRILL_PG_PORT)) $(BIN)/python -m pytest -m drills -p no:randomly; \
		status=$$?; scripts/postgres stop $(DRILL_PG_PORT); exit $$status

# Database (DATABASE_URL, else the SQLite file) and media, in one archive under backups/.
backup: $(STAMP)
	$(BIN)/python manage.py backup_site

restore: $(STAMP)
	@test -n "$(FILE)" || (echo "usage: make restore FILE=backups/sps-backup-....tar.gz" && exit 2)
	$(BIN)/python manage.py restore_site "$(FILE)"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles

# Lighthouse (pinned in package.json) against a running site, e.g. `make run` or
# `make serve-prod` in another terminal: prints the four scores of each page.
.PHONY: audit
AUDIT_URL ?= http://127.0.0.1:$(PORT)
node_modules/.bin/lighthouse: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

audit: $(STAMP) node_modules/.bin/lighthouse
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python scripts/lighthouse_audit.py $(AUDIT_URL)
