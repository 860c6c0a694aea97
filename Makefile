# ningxia_dash — two commands: `make run` (set up and serve) and `make test` (set up and check everything).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
ADDRESS ?= 0.0.0.0
DB ?= $(or $(NINGXIA_DB),data/ningxia.duckdb)

.PHONY: run test check format lint types pytest db rebuild-db system-deps clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

db: $(VENV)/.runtime
	$(PY) -m ningxia_dash build-db --if-missing --db $(DB)

rebuild-db: $(VENV)/.runtime
	$(PY) -m ningxia_dash build-db --db $(DB)

run: db
	NINGXIA_DB=$(DB) $(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS)

# Debian's Chromium (for the real-browser tests; never `playwright install`) and CJK fonts (so screenshots
# show Chinese). Installed only when missing.
system-deps:
	@if ! command -v chromium >/dev/null || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
		echo "installing chromium and fonts-noto-cjk from Debian"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
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

test: $(VENV)/.dev system-deps
	$(MAKE) check

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache tests/artifacts
