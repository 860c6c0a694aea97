# ningxia_dash — two commands: `make run` (set up and serve) and `make test` (set up and check everything).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
ADDRESS ?= 0.0.0.0
DB ?= $(or $(NINGXIA_DB),data/ningxia.duckdb)
# DEMO=0: a production database without demonstration data (`make run DEMO=0`, `make rebuild-db DEMO=0`).
DEMO ?= 1
BUILD_KIND := $(if $(filter 0,$(DEMO)),--no-demo,)

.PHONY: run test check check-indicators format lint types pytest db rebuild-db system-deps test-deps clean bench bundle install-offline service

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

db: $(VENV)/.runtime
	$(PY) -m ningxia_dash build-db --if-missing $(BUILD_KIND) --db $(DB)

rebuild-db: $(VENV)/.runtime
	$(PY) -m ningxia_dash build-db $(BUILD_KIND) --db $(DB)

# First run with no users: creates `admin` and prints its random password once (ningxia_dash/ingest/cli.py).
# system-deps is best effort here (the leading '-'): without Chromium and the fonts the app still runs; only the
# meeting brief's pictures and embedded font need them.
run: db
	-$(MAKE) --no-print-directory system-deps
	$(PY) -m ningxia_dash user ensure-admin --db $(DB)
	NINGXIA_DB=$(DB) $(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS)

# Debian's Chromium (for the real-browser tests; never `playwright install`) and CJK fonts (so screenshots
# show Chinese). Installed only when missing. nginx-light and openssl: tests/test_deploy_nginx.py runs the shipped
# nginx site (deploy/nginx/) in front of the app (skipped without them; `make run` never needs them).
# The meeting brief (ningxia_dash/brief/) renders its figures in that Chromium and embeds WenQuanYi Zen Hei (a
# TrueType CJK font reportlab can embed; Noto CJK is CFF) and DejaVu Sans (✔ ✖) in its PDF; poppler's pdftoppm
# turns a brief page into a PNG under tests/artifacts/ for a person to look at.
system-deps:
	@if ! command -v chromium >/dev/null || ! fc-list :lang=zh 2>/dev/null | grep -q . \
		|| ! test -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc || ! test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
		|| ! command -v pdftoppm >/dev/null; then \
		echo "installing chromium, fonts-noto-cjk, fonts-wqy-zenhei, fonts-dejavu-core and poppler-utils from Debian"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk \
			fonts-wqy-zenhei fonts-dejavu-core poppler-utils >/dev/null; \
	fi

# Only for the tests (never for `make run`): nginx and openssl run the shipped reverse-proxy site on loopback in
# tests/test_deploy_nginx.py.
test-deps:
	@if ! test -x /usr/sbin/nginx || ! command -v openssl >/dev/null; then \
		echo "installing nginx-light and openssl from Debian (for the reverse-proxy test)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light openssl >/dev/null; \
	fi

format:
	$(VENV)/bin/ruff format .

lint:
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

types:
	$(VENV)/bin/mypy .

pytest:
	$(VENV)/bin/pytest

check: lint types pytest

# data/seed/indicators.csv against the plan text (pytest runs it too: tests/test_check_indicators.py)
check-indicators:
	$(PY) -m scripts.check_indicators

test: $(VENV)/.dev system-deps test-deps
	$(MAKE) check

# The benchmark of issue 7 (docs/PERFORMANCE.md): JSON in bench/out/latest.json and a table with PASS/MISS per goal.
# BENCH_ARGS passes options through, e.g. `make bench BENCH_ARGS="--quick"` or `BENCH_ARGS="--sections script,queries"`.
bench: $(VENV)/.dev system-deps
	$(PY) -m bench.run $(BENCH_ARGS)

# Offline bundle (scripts/bundle.py): project + wheelhouse for this platform + SHA256SUMS + INSTALL.md, one archive.
# The wheelhouse is downloaded once into ~/.cache/ningxia_dash/wheelhouse/ and reused. BUNDLE_ARGS: e.g. "--out FILE".
bundle:
	$(PYTHON) scripts/bundle.py $(BUNDLE_ARGS)

# On the air-gapped target, inside the unpacked bundle: check every file, then install from wheels/ only.
install-offline:
	sha256sum --quiet -c SHA256SUMS
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --no-index --find-links wheels/ -r requirements.txt
	touch $(VENV)/.runtime

# The service behind nginx (scripts/install_service.sh renders deploy/ with these values). As root on the server, in
# the installed project: `make service DEMO=0 SERVER_NAME=… SSL_CERT=… SSL_KEY=…` creates the user and the database,
# installs and starts ningxia-dash.service + the nightly backup timer, and reloads nginx. DESTDIR=DIR only writes the
# rendered files under DIR (a dry run, what the tests do).
PREFIX ?= $(CURDIR)
SERVICE_USER ?= ningxia
APP_PORT ?= 8501
SERVER_NAME ?= dash.example.gov.cn
SSL_CERT ?= /etc/ssl/certs/ORGANISATION-CERT.pem
SSL_KEY ?= /etc/ssl/private/ORGANISATION-KEY.pem
HTPASSWD ?= /etc/nginx/ningxia-dash.htpasswd
BACKUP_DIR ?= /var/backups/ningxia-dash
BACKUP_KEEP ?= 7
service:
	@DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" SERVICE_USER="$(SERVICE_USER)" APP_PORT="$(APP_PORT)" \
	SERVER_NAME="$(SERVER_NAME)" SSL_CERT="$(SSL_CERT)" SSL_KEY="$(SSL_KEY)" HTPASSWD="$(HTPASSWD)" \
	BACKUP_DIR="$(BACKUP_DIR)" BACKUP_KEEP="$(BACKUP_KEEP)" BUILD_KIND="$(BUILD_KIND)" bash scripts/install_service.sh

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache tests/artifacts
