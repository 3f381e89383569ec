"""The new-case and meeting dialogs' forms in Teams, end to end over HTTP: «ny sak» and
«nytt møte» show a form with the tenant's committees; sent filled, the dialog goes straight
to its summary («ja/nei»); sent with a field left out, just that field is asked."""

from __future__ import annotations

from typing import Any

from .conftest import Running
from .test_capture import Conversation, _text


async def _send(chat: Conversation, form: str, value: dict[str, Any]) -> str:
    return await chat.press({"referent": form, **value})


def _form(reply: dict[str, Any]) -> dict[str, Any]:
    (attachment,) = reply["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    return attachment["content"]


def _inputs(form: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in form["body"] if e["type"].startswith("Input.")}


def _committees(form: dict[str, Any]) -> list[str]:
    return [c["value"] for c in _inputs(form)["committee"]["choices"]]


MEETING = {
    "committee": "SSU",
    "date": "2026-12-14",
    "start": "13:00",
    "end": "15:00",
    "location": "Grønland 32, Drammen",
}
CASE = {
    "committee": "SSU",
    "title": "Legevaktsamarbeid",
    "description": "Forslag om felles legevakt fra 2027",
    "kind": "beslutning",
}


async def test_a_meeting_and_a_case_from_their_forms(seeded: None, bot: Running) -> None:
    britt = Conversation(bot, "Britt Kveseth")
    ask = await britt.say("nytt møte")
    assert ask["text"].startswith("Hvilket utvalg skal ha møtet?")
    form = _form(ask)
    committees = _committees(form)
    inputs = _inputs(form)
    assert list(inputs) == ["committee", "date", "start", "end", "location"]
    assert [inputs[k]["type"] for k in inputs] == [
        "Input.ChoiceSet", "Input.Date", "Input.Time", "Input.Time", "Input.Text"
    ]  # fmt: skip
    assert "SSU" in committees and len(committees) > 1
    assert form["actions"][0]["data"] == {"referent": "form.meeting"}
    summary = await _send(britt, "form.meeting", MEETING)
    assert summary.startswith("Nytt møte i SSU:") and summary.endswith("(ja/nei)")
    assert "- Tid: mandag 14. desember 2026 kl. 13:00–15:00" in summary
    assert "- Sted: Grønland 32, Drammen" in summary
    saved = _text(await britt.say("ja"))
    assert saved.startswith("Lagt inn møte i SSU: mandag 14. desember 2026 kl. 13:00–15:00")
    assert "mandag 14. desember 2026" in _text(await britt.say("når er neste møte i SSU?"))

    ask = await britt.say("ny sak")
    assert ask["text"].startswith("Hvilket utvalg skal saken til?")
    form = _form(ask)
    inputs = _inputs(form)
    assert list(inputs) == ["committee", "title", "description", "kind"]
    assert _committees(form) == committees
    assert inputs["title"]["isRequired"] is True
    assert [c["value"] for c in inputs["kind"]["choices"]] == [
        "orientering", "diskusjon", "beslutning"
    ]  # fmt: skip
    # The dialog waiting for the committee gives way to the one the form begins.
    summary = await _send(britt, "form.case", CASE)
    assert summary.startswith("Ny sak til SSU:") and "Skal jeg melde inn saken?" in summary
    assert "- Tittel: Legevaktsamarbeid" in summary
    assert "- Beskrivelse: Forslag om felles legevakt fra 2027" in summary
    assert "- Type: beslutning" in summary
    assert "- Meldt inn av: Britt Kveseth" in summary
    assert "- Møte: mandag 14. desember 2026 kl. 13:00–15:00" in summary
    saved = _text(await britt.say("ja"))
    assert saved.startswith("Saken «Legevaktsamarbeid» er meldt inn til møtet i SSU")
    agenda = _text(await britt.say("hva står på sakslisten til SSU?"))
    assert "Saksliste for SSU" in agenda and "Legevaktsamarbeid" in agenda


async def test_a_form_with_a_field_left_out_asks_for_just_that(seeded: None, bot: Running) -> None:
    britt = Conversation(bot, "Britt Kveseth")
    await britt.say("nytt møte")
    asked = await _send(britt, "form.meeting", {**MEETING, "location": ""})
    assert asked.startswith("Hvor skal møtet være?")
    assert "AdaptiveCard" not in asked  # the form is not offered again
    assert _text(await britt.say("Teams")).startswith("Nytt møte i SSU:")
    assert _text(await britt.say("nei")).startswith("Greit, møtet er ikke lagt inn.")

    # A bad date counts as none: the date is asked, the times are kept for it.
    await britt.say("nytt møte")
    asked = await _send(britt, "form.meeting", {**MEETING, "date": "14.12."})
    assert asked.startswith("Når er møtet?")
    summary = _text(await britt.say("14. desember"))
    assert "- Tid: mandag 14. desember 2026 kl. 13:00–15:00" in summary
    assert _text(await britt.say("nei")).startswith("Greit, møtet er ikke lagt inn.")

    await britt.say("ny sak")
    asked = await _send(britt, "form.case", {**CASE, "kind": ""})
    assert asked.startswith("Hva slags sak er det")
    summary = _text(await britt.say("orientering"))
    assert "- Type: orientering" in summary and "- Tittel: Legevaktsamarbeid" in summary
    assert _text(await britt.say("nei")).startswith("Greit, saken er ikke meldt inn.")

    await britt.say("ny sak")
    # The description is optional: left empty in the form it is none, not asked for.
    summary = await _send(britt, "form.case", {**CASE, "description": ""})
    assert "- Beskrivelse: ingen" in summary and "- Type: beslutning" in summary
    assert _text(await britt.say("nei")).startswith("Greit, saken er ikke meldt inn.")

    asked = await _send(britt, "form.case", {**CASE, "committee": ""})
    assert asked.startswith("Hvilket utvalg skal saken til?")
    assert "AdaptiveCard" not in asked
    assert _text(await britt.say("SSU")).startswith("Ny sak til SSU:")
    assert _text(await britt.say("nei")).startswith("Greit, saken er ikke meldt inn.")

    asked = await _send(britt, "form.case", {**CASE, "title": " "})
    assert asked.startswith("Hva er tittelen på saken?")
    summary = _text(await britt.say("Budsjett for legevakten"))
    assert summary.startswith("Ny sak til SSU:") and "- Tittel: Budsjett for legevakten" in summary


async def test_the_form_comes_with_the_first_question_only(seeded: None, bot: Running) -> None:
    britt = Conversation(bot, "Britt Kveseth")
    # The committee given: the title question carries the form, the committee chosen.
    ask = await britt.say("ny sak til SSU")
    assert ask["text"].startswith("Hva er tittelen på saken?")
    assert _inputs(_form(ask))["committee"]["value"] == "SSU"
    assert not (await britt.say("Legevaktsamarbeid")).get("attachments")  # description
    await britt.say("avbryt")
    # Committee, date and time given: the venue is asked in words, with no form.
    ask = await britt.say("nytt møte SSU 14. desember kl 13")
    assert ask["text"].startswith("Hvor skal møtet være?") and not ask.get("attachments")
    await britt.say("avbryt")
    # The committee given: the date question carries the form.
    ask = await britt.say("nytt møte SSU")
    assert ask["text"].startswith("Når er møtet?")
    assert _inputs(_form(ask))["committee"]["value"] == "SSU"


async def test_the_forms_in_english(seeded: None, bot: Running) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    ask = await chat.say("new case")
    kinds = _inputs(_form(ask))["kind"]["choices"]
    assert [c["title"] for c in kinds] == ["Information", "Discussion", "Decision"]
    ask = await chat.say("cancel")
    ask = await chat.say("new meeting")
    assert _form(ask)["actions"][0]["title"] == "Add the meeting"
