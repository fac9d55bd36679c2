# The book's two commands:  make book  (install + build)   and   make test  (install + every test).
PYTHON ?= python3
VENV   := .venv
BIN    := $(abspath $(VENV))/bin
export PATH := $(BIN):$(PATH)

.PHONY: install node browser figures book test lab notebooks bench clean

install: $(VENV)/.installed node
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

# The site's build and test tools from the npm registry (package.json): KaTeX, esbuild, axe-core.
node: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser),
# and Node.js, which runs the web figures' JavaScript against the Python package.
browser:
	@{ command -v chromium && command -v node; } >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium $$(command -v node >/dev/null || echo nodejs); }

# Rebuild the live figures' bundles (lossbook/web/dist, committed) from lossbook/web/src, and
# the site's copy of the digits (lossbook/web/dist/site/digits-data.js, from scikit-learn).
figures: install
	node lossbook/web/build.mjs
	$(BIN)/python -c "from lossbook import digits; open('lossbook/web/dist/site/' + digits.WEB_DATA, 'w').write(digits.web_data())"

book: install
	$(BIN)/jupyter-book build . -W --keep-going
	@echo "Built: open _build/html/index.html, or preview with: python3 -m http.server -d _build/html"

test: install browser book
	$(BIN)/python -m pytest

lab: install
	$(BIN)/jupyter lab $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) notebooks/01_loss_and_mse.ipynb

# Re-execute the chapters in place (after changing them), so nbval compares against fresh outputs.
notebooks: install
	$(BIN)/python scripts/run_notebooks.py

clean:
	rm -rf _build
