"""A Slack message's text (mrkdwn, as api.slack.com/reference/surfaces/formatting
describes it) as plain text, to prefill a field with: links and mentions as what they
show, formatting marks taken off, the three escaped characters back as themselves."""

from __future__ import annotations

import re

# <https://…|label>, <mailto:…|label>, <@U123|name>, <#C123|general>, <!here>, <!subteam^S1|@team>
_ANGLE = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")
# *bold*, _italic_, ~strike~ at a word's edges; `code` and ```blocks```.
_MARKS = re.compile(r"(?<![\w*_~])([*_~])(?=\S)(.+?)(?<=\S)\1(?![\w*_~])", re.DOTALL)
_CODE = re.compile(r"```\n?(.*?)```|`([^`\n]+)`", re.DOTALL)
_QUOTE = re.compile(r"^(?:&gt;|>)\s?", re.MULTILINE)


def plain_text(mrkdwn: str) -> str:
    text = _CODE.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), mrkdwn)
    text = _ANGLE.sub(_shown, text)
    text = _QUOTE.sub("", text)
    previous = None
    while previous != text:  # *_nested_* marks, one layer at a time
        previous, text = text, _MARKS.sub(r"\2", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def _shown(m: re.Match[str]) -> str:
    target, label = m.group(1), m.group(2)
    if target.startswith("@"):  # a user: their name when Slack gave it
        return f"@{label}" if label else target
    if target.startswith("#"):
        return f"#{label}" if label else target
    if target.startswith("!"):  # <!here>, <!channel>, <!subteam^S1|@team>, <!date^…|shown>
        if label:
            return label
        return f"@{target[1:]}" if target[1:] in ("here", "channel", "everyone") else ""
    return label or target.removeprefix("mailto:")
