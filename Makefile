# Two commands: `make run` and `make test`. Both create .venv and install on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export REFERENT_DATABASE_URL ?= sqlite+aiosqlite:///$(CURDIR)/referent.db

.PHONY: install run test lint format bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.X")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing Referent and its dependencies into $(VENV) …"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]' 2>&1 | { grep -v '^WARNING: Location' || true; }
	@touch $(STAMP)

install: $(STAMP)

PORT ?= 3978

run: $(STAMP)
	@$(BIN)/referent import examples/ || true
	@echo
	@echo "Chat with Referent in your browser: http://127.0.0.1:$(PORT)/chat"
	@echo "  (Bot Framework endpoint: http://127.0.0.1:$(PORT)/api/messages; stop with Ctrl-C)"
	@echo "Or from another terminal:"
	@echo "  $(BIN)/referent ask \"hva ble bestemt om LAR?\""
	@echo "  $(BIN)/referent ask \"hvilke oppgaver har jeg?\" --as \"Henrik Berg\""
	@echo "  $(BIN)/referent meetings --upcoming"
	@echo "(database: $(REFERENT_DATABASE_URL))"
	@$(BIN)/referent serve --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/search_bench.py
	$(BIN)/python bench/reminder_bench.py

clean:
	rm -rf $(VENV) referent.db referent.db-wal referent.db-shm .pytest_cache .ruff_cache
