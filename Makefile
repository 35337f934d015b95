# Tradeloom: `make run` serves the demo marketplace, `make test` runs every check.
# Needs only Python 3.11+ (python3 -m venv); everything else goes into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LINTED := src tests bench

.DEFAULT_GOAL := help
.PHONY: help run test lint format bench messages clean distclean

help:
	@echo "make run       install into .venv, prepare var/, serve the demo marketplace (HOST, PORT)"
	@echo "make test      ruff and the whole test suite (browser tests need Chromium)"
	@echo "make lint      ruff check and format check"
	@echo "make format    ruff format and safe fixes"
	@echo "make bench     run the benchmarks in bench/"
	@echo "make messages  refresh and compile the ja and zh_Hans catalogues (needs GNU gettext)"
	@echo "make clean     remove caches and build output (keeps .venv and var/)"
	@echo "make distclean also remove .venv (keeps var/, which holds your data)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Tradeloom needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version 2>&1)."; exit 1; }
	@$(PYTHON) -m venv $(VENV) || \
		{ echo "Could not create $(VENV). On Debian or Ubuntu: apt-get install python3-venv"; exit 1; }

# The stamps are newer than pyproject.toml once its dependencies are installed.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/tradeloom up

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

format: $(VENV)/.installed-dev
	$(BIN)/ruff format $(LINTED)
	$(BIN)/ruff check --fix $(LINTED)

test: lint
	$(BIN)/pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py $(BENCH_ARGS)

messages: $(VENV)/.installed
	cd src/tradeloom && ../../$(BIN)/tradeloom makemessages --locale ja --locale zh_Hans \
		--no-obsolete --ignore 'static/*'
	cd src/tradeloom && ../../$(BIN)/tradeloom compilemessages --locale ja --locale zh_Hans

clean:
	rm -rf build dist .pytest_cache .ruff_cache .hypothesis test-results src/*.egg-info
	find src tests bench -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
