# marsad — two commands do everything:  make demo  (code a bundled sample)  ·  make test  (run the tests)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test install lint bench clean web browser serve

$(BIN)/marsad: pyproject.toml
	@echo "make: installing marsad and its Python dependencies (from PyPI) into $(VENV)/; building the dashboard's"
	@echo "      libraries with npm (Leaflet, markercluster, Natural Earth outlines, Swagger UI, from the npm registry)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(BIN)/marsad

# the dashboard's libraries (Leaflet, markercluster, Natural Earth outlines) from the npm registry, copied into
# the package; built files are not committed
VENDOR := src/marsad/web/static/vendor/.built
$(VENDOR): web/package.json web/package-lock.json web/build.mjs
	npm --prefix web ci --no-audit --no-fund --loglevel=error
	npm --prefix web run build --silent
	touch $@

web: $(VENDOR)

# the browser the end-to-end tests drive (Debian's chromium; Playwright cannot download browsers here)
browser:
	@command -v chromium >/dev/null 2>&1 || { echo "make: installing Debian's chromium with apt-get (needs root) for the" \
		"browser tests"; apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
		|| { echo "install Debian's chromium (apt-get install chromium) to run the browser tests"; exit 1; }

install: $(BIN)/marsad $(VENDOR)

demo: install
	$(BIN)/marsad extract examples/idlib-ar.txt --published 2018-03-06 --format json

test: install browser
	$(BIN)/ruff check src tests bench _build
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests bench _build

serve: install
	$(BIN)/marsad serve --demo

bench: install
	$(BIN)/python bench/throughput.py --passes 2

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
