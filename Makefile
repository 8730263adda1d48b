# Two commands for a fresh machine: `make serve` and `make test` (see README.md).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_DIR ?= site
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build lint unit browser bench clean check linkcheck serve-built

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

serve: $(VENV)/.installed node_modules/.package-lock.json
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(VENV)/.installed node_modules/.package-lock.json
	$(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)

# Editors' checks before a pull request; `make check ONLY=spelling,markdown` runs some of them,
# `make check DOCS=/path/to/docs` checks a copy of the pages.
# The checker explains every failure itself; make would add «make: *** [check] Error 1», which
# reads like a second, unexplained failure. So a failed check stops make with SIGINT instead:
# make ends without a word when interrupted and the shell prints nothing, yet the exit status
# (130) still fails CI. The pause lets make's signal handler reap this shell first.
check: $(VENV)/.installed node_modules/.package-lock.json
	@$(BIN)/python -m tools.check_content $(if $(ONLY),--only $(ONLY)) $(if $(DOCS),--docs $(DOCS)) \
		|| { kill -INT $$PPID; sleep 1; }

# External links: a report only, never a failure (the machine may be offline).
linkcheck: $(VENV)/.installed
	$(BIN)/python -m tools.linkcheck

# The built site as a static host serves it (MIME types, _headers, 404 page); run `make build` first.
# `make serve-built PORT=8001` if 8000 is taken.
serve-built: $(VENV)/.installed
	$(BIN)/python -m tools.serve $(SITE_DIR) --port $(or $(PORT),8000)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(VENV)/.installed-dev node_modules/.package-lock.json lint
	./scripts/ensure-engines
	CHROMIUM="$$(./scripts/ensure-chromium)" $(BIN)/python -m pytest

# `make bench MODE=throttled [PROFILE=fast|slow] [ENCODING=gzip|br]`: the site through a slow link.
bench: $(VENV)/.installed-dev node_modules/.package-lock.json
	CHROMIUM="$$(./scripts/ensure-chromium)" $(BIN)/python -m benchmarks $(if $(REPEATS),--repeats $(REPEATS)) \
		$(if $(MODE),--mode $(MODE)) $(if $(PROFILE),--profile $(PROFILE)) $(if $(ENCODING),--encoding $(ENCODING))

clean:
	rm -rf $(SITE_DIR) .pytest_cache .ruff_cache
