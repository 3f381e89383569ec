# Two commands: `make run` and `make test`. Both create .venv and install on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export REFERENT_DATABASE_URL ?= sqlite+aiosqlite:///$(CURDIR)/referent.db

.PHONY: install run playground test fuzz lint format bench clean

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

# Microsoft's Teams emulator, the Agents Playground (npm, pinned), in front of the bot: Referent
# as Teams shows it, without a tenant or a tunnel. Installed once into $(VENV)/playground.
PLAYGROUND_VERSION := 0.2.28
PLAYGROUND_DIR := $(VENV)/playground
PLAYGROUND := $(PLAYGROUND_DIR)/node_modules/.bin/agentsplayground
PLAYGROUND_PORT ?= 56150

$(PLAYGROUND):
	@command -v npm >/dev/null || { echo "The Teams emulator needs Node.js and npm (apt-get install npm)."; exit 1; }
	npm install --prefix $(PLAYGROUND_DIR) --no-audit --no-fund --ignore-scripts \
		@microsoft/m365agentsplayground@$(PLAYGROUND_VERSION)

playground: $(STAMP) $(PLAYGROUND)
	@$(BIN)/referent import examples/ || true
	@echo
	@echo "Referent in Microsoft's Teams emulator: http://localhost:$(PLAYGROUND_PORT) (stop with Ctrl-C)"
	@echo "  (you are Henrik Berg; users, chats and the team: playground.yml)"
	@echo "(database: $(REFERENT_DATABASE_URL))"
	@$(BIN)/referent serve --port $(PORT) & bot=$$!; trap 'kill $$bot 2>/dev/null' EXIT INT TERM; \
	M365_AGENTS_PLAYGROUND_CONFIG_PATH=$(CURDIR)/playground.yml \
	M365_AGENTS_PLAYGROUND_LOGFILE=$(abspath $(PLAYGROUND_DIR))/playground.log \
	$(PLAYGROUND) start --app-endpoint http://127.0.0.1:$(PORT)/api/messages \
		--channel-id msteams --port $(PLAYGROUND_PORT) --disable-telemetry

test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile

# The property tests and the HTTP fuzz with thousands of examples each (`make test` runs
# them bounded: tests/fuzz_settings.py).
FUZZ_TESTS := tests/bot/test_fuzz_http.py tests/bot/test_fuzz_slack.py \
	tests/assistant/test_properties_chat_text.py tests/minutes/test_properties_parser.py
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -p no:cacheprovider -s $(FUZZ_TESTS)

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
