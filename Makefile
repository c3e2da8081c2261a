# ResumePair — `make run` starts the app, `make test` runs every check. Both set themselves up.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
STAMP := $(VENV)/.installed
LOCK := packaging/lock
DEBS := poppler-utils libnss3 libxkbcommon-x11-0 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 \
        libasound2 libgbm1 libegl1 libgl1 libfontconfig1 libdbus-1-3 libxshmfence1 libxcb-cursor0 libxcb-icccm4 \
        libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 \
        xvfb openbox xdotool x11-utils libreoffice-writer-nogui

.PHONY: run test lint typecheck unit system-deps bench screenshots clean lock

# The venv holds exactly what packaging/lock/dev.txt lists (hashes checked), plus this checkout installed editable;
# it is brought up to date whenever the lock or pyproject.toml changes. `make lock` regenerates the lock.
$(STAMP): pyproject.toml $(LOCK)/dev.txt $(LOCK)/uv.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "ResumePair needs Python 3.11 or newer (PYTHON=$(PYTHON))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(LOCK)/uv.txt
	$(UV) pip sync --quiet --python $(PY) --require-hashes $(LOCK)/dev.txt
	$(UV) pip install --quiet --python $(PY) --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Re-resolves packaging/lock/*.txt from pyproject.toml and packaging/lock/*.in, with hashes, for every platform
# and Python >= 3.11 at once. Keeps every pinned version that still fits; `make lock UPGRADE=1` takes the newest.
# Commit packaging/lock/ afterwards; the next make run/test installs it. See packaging/README.md.
LOCK_FLAGS = --universal --python-version 3.11 --generate-hashes --quiet --custom-compile-command "make lock" \
             $(if $(UPGRADE),--upgrade)
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	test -x $(UV) || $(PY) -m pip install --quiet --require-hashes --no-deps -r $(LOCK)/uv.txt
	$(UV) pip compile $(LOCK_FLAGS) pyproject.toml --extra dev $(LOCK)/dev-tools.in -c $(LOCK)/pins.txt -o $(LOCK)/dev.txt
	$(UV) pip compile $(LOCK_FLAGS) $(LOCK)/uv.in -c $(LOCK)/dev.txt -o $(LOCK)/uv.txt
	$(UV) pip compile $(LOCK_FLAGS) $(LOCK)/smoke.in -c $(LOCK)/dev.txt -o $(LOCK)/smoke.txt
	$(UV) pip compile $(LOCK_FLAGS) pyproject.toml $(LOCK)/build-tools.in -c $(LOCK)/pins.txt -c $(LOCK)/dev.txt \
	  -o $(LOCK)/build.txt

# Debian packages the app and the tests need (pdffonts/pdftoppm, QtWebEngine's shared libraries, an X server,
# window manager and xdotool for the real-window session in tests/ui/test_real_window.py, and LibreOffice's
# writer to open the DOCX exports in tests/render/test_exports.py).
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
	$(VENV)/bin/ruff check app tests bench docs packaging
	$(VENV)/bin/ruff format --check app tests bench docs packaging

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
	$(PY) docs/locale_screenshots.py
	RESUMEPAIR_SCREENSHOTS=docs/screenshots $(VENV)/bin/pytest -q tests/ui/test_real_window.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache

# --- Installers. Slow, so not part of `make test`. See packaging/README.md.
.PHONY: dist dist-deps smoke-dist

# Installers are built in their own venv holding exactly packaging/lock/build.txt (uv links PySide6 from its cache).
DIST_VENV := build/venv
DIST_PY := $(DIST_VENV)/bin/python
DIST_STAMP := $(DIST_VENV)/.installed
# Debian tools of the Linux build and its checks: readelf/objdump (binutils), patchelf (drops build-machine
# RUNPATHs), lintian, rpmbuild (the .rpm), debootstrap and bubblewrap (the clean Debian 12 root of smoke-dist).
DIST_DEBS := binutils patchelf lintian rpm debootstrap bubblewrap

$(DIST_STAMP): $(LOCK)/build.txt | $(STAMP)
	test -x $(DIST_PY) || $(PYTHON) -m venv $(DIST_VENV)
	$(UV) pip sync --quiet --python $(DIST_PY) --require-hashes $(LOCK)/build.txt
	touch $(DIST_STAMP)

dist-deps:
	@$(MAKE) --no-print-directory system-deps DEBS="$(DIST_DEBS)"

# The bundle and this platform's installers in dist/ (Linux: .deb, .rpm when rpmbuild is there, portable .tar.gz),
# sizes in dist/build-info.json.
dist: $(DIST_STAMP) system-deps dist-deps
	$(DIST_PY) packaging/build.py

# Installs the .deb into a clean Debian 12 root (debootstrap, cached in build/), smoke-tests it there (PDF checks,
# a screenshot), purges it and checks that nothing is left. Needs root (debootstrap; entered with bubblewrap).
smoke-dist: dist
	$(DIST_PY) packaging/clean_root.py --deb "$$(ls -t dist/resumepair_*.deb | head -n 1)" --out build/smoke
