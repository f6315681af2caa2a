# fazhi — `make demo` builds and serves the demo; `make test` runs every test on SQLite and PostgreSQL.
VENV    ?= .venv
PY      := $(VENV)/bin/python
FAZHI   := $(VENV)/bin/fazhi
PG_URL  ?= postgres://postgres@127.0.0.1:5432/fazhi
TEST_WORKERS ?= auto
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup demo test test-sqlite test-pg browser-deps bench lint docs clean

setup: $(VENV)/.installed src/fazhi/static/vendor/.done

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $@

src/fazhi/static/vendor/.done: package.json
	npm install --no-audit --no-fund --loglevel=error
	$(PY) scripts/vendor_static.py
	touch $@

demo: setup
	$(FAZHI) demo

browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium and CJK fonts for browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

test: setup browser-deps
	$(MAKE) test-sqlite
	@if $(PY) scripts/pg_available.py "$(PG_URL)"; then $(MAKE) test-pg; \
	  else echo "PostgreSQL not reachable at $(PG_URL): PostgreSQL run skipped"; fi

# SQLite runs the tests in a random order (pytest-randomly), PostgreSQL in file order: order-dependent tests fail.
# Rerun one order with SEED=N make test-sqlite.
test-sqlite:
	@seed=$${SEED:-$$(date +%s)}; echo "SQLite run in random order: SEED=$$seed"; \
	FAZHI_HOME=$$(mktemp -d) $(VENV)/bin/pytest -p no:cacheprovider -p randomly --randomly-seed=$$seed -n $(TEST_WORKERS)

test-pg:
	FAZHI_HOME=$$(mktemp -d) DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -p no:cacheprovider -p no:randomly -n $(TEST_WORKERS) --create-db

bench: setup
	$(PY) benchmarks/run.py

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks scripts
	FAZHI_HOME=$$(mktemp -d) $(FAZHI) makemigrations --check --dry-run

docs: setup
	FAZHI_HOME=$$(mktemp -d) $(FAZHI) docs

clean:
	rm -rf $(VENV) node_modules src/fazhi/static/vendor var
