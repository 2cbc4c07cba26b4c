# Two commands do all setup: `make run` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8050
export HOST PORT

.PHONY: run dev test lint bench serve clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# The dashboard as readers see it: no debug panel, no version check, no hot reload. Plain
# http on localhost, so the editor's cookie may go without HTTPS here.
run: $(VENV)/.installed
	SESSION_COOKIE_SECURE=0 $(BIN)/python app.py serve

# For developers: hot reload and Dash's debug panel (which calls a version-check host).
dev: $(VENV)/.installed
	$(BIN)/python app.py serve --debug

serve: $(VENV)/.installed
	$(BIN)/gunicorn --workers $${WEB_CONCURRENCY:-2} --threads $${THREADS:-8} \
		--timeout $${TIMEOUT:-60} --access-logfile - --bind $(HOST):$(PORT) 'app:create_server()'

test: $(VENV)/.installed-test
	bash scripts/ensure-system-deps.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache
