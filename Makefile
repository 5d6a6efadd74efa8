# Two commands on a fresh machine: `make serve` and `make test`. Each sets up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8866
STAMP  := $(VENV)/.installed-stamp
# Voila finds the course's page template here.
export JUPYTER_PATH := $(CURDIR)/share/jupyter

.PHONY: help install serve lab test bench refresh check clean

help:
	@echo "make serve   serve the course with Voila on http://$(HOST):$(PORT)/"
	@echo "make test    content check, import layers and cycles, nbval, unit and browser tests"
	@echo "make lab     open the course in JupyterLab"
	@echo "make refresh re-execute the notebooks to update their stored outputs"
	@echo "make bench   measure load time, memory and store speed against references"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# `course check` also writes the content cache that kernels start from (course/content_cache.py);
# invalid content is reported and the kernels then load the YAML and show what is wrong.
CACHE := -$(BIN)/course check > /dev/null

install: $(STAMP)
	$(CACHE)

check: $(STAMP)
	$(BIN)/course check

# The course server: Voila with sign-in. On an empty store it prints a setup code and the first
# person to open the page creates the administrator account (or run `course admin create`).
serve: $(STAMP)
	$(CACHE)
	@echo "Serving the course on http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/course serve --Voila.ip=$(HOST) --port=$(PORT)

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=. --ServerApp.ip=$(HOST) notebooks/index.ipynb

# Each test run uses a throwaway store and home, so it never touches a learner's progress.
TEST_HOME := $(CURDIR)/.test-home
# Both cores: pytest-xdist, a file per worker at a time (a file's tests share its server and run in order).
# Three workers were measured (12-02): no faster (46.6 min against 45 min for two; load average 15),
# and lesson 07's heaviest page then missed its 120 s patience.
# The reliability tests (thirty learners at once, fifty writers) then run alone: they load the machine.
# The layer contract (.importlinter) and the import-cycle check come first: they take seconds.
test: $(STAMP)
	rm -rf $(TEST_HOME) && mkdir -p $(TEST_HOME)
	$(BIN)/course check
	$(BIN)/lint-imports --no-cache
	$(BIN)/python tools/import_cycles.py
	COURSE_HOME=$(TEST_HOME)/nbval COURSE_DB_URL=sqlite:///$(TEST_HOME)/nbval.sqlite \
	  $(BIN)/pytest --nbval-lax --nbval-current-env -p no:cacheprovider notebooks -q -n 2 --dist loadfile
	COURSE_HOME=$(TEST_HOME)/tests $(BIN)/pytest tests -q -n 2 --dist loadfile --ignore=tests/reliability
	COURSE_HOME=$(TEST_HOME)/reliability $(BIN)/pytest tests/reliability -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

# `make refresh` re-executes every notebook; `make refresh NB=notebooks/02-education.ipynb` just one.
NB ?= notebooks
refresh: $(STAMP)
	tmp=$$(mktemp -d) && COURSE_HOME=$$tmp COURSE_DB_URL=sqlite:///$$tmp/store.sqlite \
	  $(BIN)/python tools/refresh_notebooks.py $(NB); rc=$$?; rm -rf $$tmp; exit $$rc

clean:
	rm -rf $(VENV) $(TEST_HOME) *.egg-info
