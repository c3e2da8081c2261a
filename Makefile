# ResumePair — `make run` starts the app, `make test` runs every check. Both set themselves up.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEBS := poppler-utils libnss3 libxkbcommon-x11-0 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 \
        libasound2 libgbm1 libegl1 libgl1 libfontconfig1 libdbus-1-3 libxshmfence1 libxcb-cursor0 libxcb-icccm4 \
        libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 \
        xvfb openbox xdotool x11-utils

.PHONY: run test lint typecheck unit system-deps bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Debian packages the app and the tests need (pdffonts/pdftoppm, QtWebEngine's shared libraries, and an X server,
# window manager and xdotool for the real-window session in tests/ui/test_real_window.py).
system-deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  elif command -v apt-get >/dev/null 2>&1; then \
	    echo "installing:$$missing (needs sudo)"; sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "please install:$$missing"; fi; \
	fi

run: $(STAMP) system-deps
	$(PY) -m app open

lint: $(STAMP)
	$(VENV)/bin/ruff check app tests bench docs
	$(VENV)/bin/ruff format --check app tests bench docs

typecheck: $(STAMP)
	$(VENV)/bin/mypy

unit: $(STAMP) system-deps
	$(VENV)/bin/pytest -q

test: lint typecheck unit

bench: $(STAMP) system-deps
	$(PY) bench/run.py

screenshots: $(STAMP) system-deps
	$(PY) docs/make_screenshots.py
	$(PY) docs/ui_screenshots.py
	RESUMEPAIR_SCREENSHOTS=docs/screenshots $(VENV)/bin/pytest -q tests/ui/test_real_window.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache

# --- Installers (issue 6). Slow, so not part of `make test`. See packaging/README.md.
.PHONY: dist smoke-dist

# The bundle and this platform's installers in dist/ (Linux: .deb and portable .tar.gz).
dist: $(STAMP)
	$(PY) -m pip install --quiet -r packaging/requirements-build.txt
	$(PY) packaging/build.py

# Builds and installs the .deb (dpkg -i), then smoke-tests the installed /usr/bin/resumepair, headless.
smoke-dist: dist system-deps
	@deb=$$(ls -t dist/resumepair_*.deb | head -n 1); \
	if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	echo "installing $$deb"; \
	$$sudo dpkg -i "$$deb" || { $$sudo apt-get install -f -y && $$sudo dpkg -i "$$deb"; }
	$(PY) packaging/smoke.py /usr/bin/resumepair --out build/smoke
