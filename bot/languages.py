"""A chat client's locale as one of the assistant's languages."""

from __future__ import annotations


def locale_language(locale: str | None) -> str | None:
    """ "nb-NO", "nn-NO", "no" -> nb; "en-US" -> en; anything else: no opinion."""
    prefix = (locale or "").lower().replace("_", "-").split("-")[0]
    if prefix in ("nb", "nn", "no"):
        return "nb"
    if prefix == "en":
        return "en"
    return None
