# One-command set-up, run, test and benchmark. See README.md.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.test-installed

.PHONY: install run test test-deps bench fuzz clean system-test-deps

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps -e .
	$(PY) -m detectors.nlp_build
	touch $(STAMP)

run: install
	$(VENV)/bin/reviewer run-local

# Debian packages the browser and service tests need, installed when missing.
system-test-deps:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; }

test-deps: $(TSTAMP) system-test-deps

$(TSTAMP): $(STAMP) requirements-test.txt
	$(PIP) install --quiet -r requirements-test.txt
	touch $(TSTAMP)

test: install test-deps
	$(PY) -m pytest -q -n 2 --dist loadfile $(PYTEST_ARGS)

bench: install
	$(PY) -m reviewer.bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info
