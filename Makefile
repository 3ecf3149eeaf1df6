# One-command set-up, run, test and benchmark. See README.md.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.test-installed

.PHONY: screenshots install run test test-deps bench fuzz clean system-test-deps

install: $(STAMP)

$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt -c constraints.txt
	$(PIP) install --quiet --no-deps -e .
	$(PY) -m detectors.nlp_build
	touch $(STAMP)

run: install
	$(VENV)/bin/reviewer run-local

# Debian packages the browser and service tests need, installed when missing.
system-test-deps:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; }
	@# legacy .doc/.xls/.wps/.et (Writer, Calc) and .ppt/.dps (Impress: libsdlo) conversion; OpenCV (OCR) needs libGL; CJK fonts for the scanned-page tests
	@{ command -v soffice >/dev/null 2>&1 && test -e /usr/lib/libreoffice/program/libsdlo.so && test -e /usr/lib/x86_64-linux-gnu/libGL.so.1 -o -e /usr/lib/aarch64-linux-gnu/libGL.so.1 && fc-list :lang=zh | grep -q .; } || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui libgl1 libglib2.0-0 fonts-noto-cjk fontconfig; }
	@# PostgreSQL and Redis servers for tests/services (the tests start and stop their own, on loopback)
	@{ ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v redis-server >/dev/null 2>&1; } || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql redis-server; }

test-deps: $(TSTAMP) system-test-deps

$(TSTAMP): $(STAMP) requirements-test.txt constraints.txt
	$(PIP) install --quiet -r requirements-test.txt -c constraints.txt
	touch $(TSTAMP)

test: install test-deps
	$(PY) -m pytest -q -n 2 --dist loadfile $(PYTEST_ARGS)

# Refresh the README's screenshots from the browser tests.
screenshots: install test-deps
	REVIEWER_SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(PY) -m pytest -q -m browser tests/browser

bench: install
	$(PY) -m reviewer.bench $(BENCH_ARGS)

# Long parser fuzzing (random seeds; `make test` runs a short fixed one). Crashing inputs land in tests/fuzz/regressions/.
fuzz: install test-deps
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-2000} $(PY) -m pytest -q -p no:cacheprovider tests/fuzz $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info
