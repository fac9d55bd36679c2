# The book's two commands:  make book  (install + build)   and   make test  (install + every test).
PYTHON ?= python3
VENV   := .venv
BIN    := $(abspath $(VENV))/bin
export PATH := $(BIN):$(PATH)

.PHONY: install node browser figures book test lab notebooks bench clean pdf download print-tools

install: $(VENV)/.installed node
# Debian and Ubuntu ship the system Python without ensurepip (python3-venv): install it first.
$(VENV)/.installed: requirements.txt constraints.txt pyproject.toml
	@$(PYTHON) -c "import ensurepip, venv" >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
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

# A clean build: Sphinx 7.4 does not overwrite a changed file under _static in an incremental
# build, and book/_ext/lossbook_site.py prunes _static after each build.
book: install
	rm -rf _build/html
	$(BIN)/jupyter-book build . -W --keep-going
	@echo "Built: open _build/html/index.html, or preview with: python3 -m http.server -d _build/html"

# Take the book away (both land in _build/html/downloads/, so the site links and publishes them).
# The PDF edition: the book built as one page (singlehtml) and printed by Debian's Chromium
# once the maths and the live figures are drawn (scripts/build_pdf.py).
pdf: install browser print-tools
	$(BIN)/python scripts/build_pdf.py

# The runnable download: every notebook, lossbook as a wheel, requirements.txt and a README
# in one reproducible zip (scripts/build_download.py).
download: install
	$(BIN)/python scripts/build_download.py

# What printing and reading the PDF back needs from Debian: fonts for the text (the maths
# brings its own) and poppler-utils (pdftotext, pdfimages) for tests/test_pdf.py.
PRINT_DEBS := poppler-utils fonts-dejavu-core fonts-liberation
print-tools:
	@dpkg -s $(PRINT_DEBS) >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PRINT_DEBS); }

test: install browser book pdf download
	$(BIN)/python -m pytest

lab: install
	$(BIN)/jupyter lab $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) notebooks/01_loss_and_mse.ipynb

# Re-execute the chapters in place (after changing them), so nbval compares against fresh outputs.
notebooks: install
	$(BIN)/python scripts/run_notebooks.py

clean:
	rm -rf _build
