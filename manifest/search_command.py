"""The compose-box search the manifest declares: its command id and parameter name.

The bot's messaging-extension handler must read the same names (bot/teams_bot.py).
"""

from __future__ import annotations

SEARCH_COMMAND_ID = "searchDecisions"
SEARCH_PARAMETER = "query"
