"""«hvilke abonnementer har vi?» in a Teams channel over HTTP: this conversation's
subscriptions with their committee and timing, or that there are none and how to start one;
in the language asked; another conversation's are not this one's."""

from __future__ import annotations

from tests.markdown_shown import shown_lines, shown_texts

from .reminder_world import World

NONE_NB = (
    "Denne samtalen abonnerer ikke på noe utvalg ennå. Skriv «abonner på» og utvalgets navn, "
    "f.eks. «abonner på SSU», så legger jeg ut sakslisten her før hvert møte. "
    "Utvalgene jeg kjenner: SSU."
)


async def test_none_then_one_with_its_timing_then_none_again(ssu: World) -> None:
    assert await ssu.say("hvilke abonnementer har vi?") == NONE_NB
    await ssu.say("abonner på SSU")
    listed = await ssu.say("abonnementer")
    assert shown_texts(listed) == [
        "Denne samtalen får sakslisten før møtene i:",
        "SSU (Samarbeidsutvalget): 7 dager og 1 dag før, kl. 09:00",
        "Endre med «påminnelser 3 dager før kl 10», stopp med «avslutt abonnement på SSU» "
        "(eller «avslutt abonnement» for alle).",
    ]
    assert [line.block for line in shown_lines(listed)] == ["p", "li", "p"]

    await ssu.say("påminnelser 3 dager og samme dag før kl 10")
    assert "SSU (Samarbeidsutvalget): 3 dager og samme dag før, kl. 10:00" in shown_texts(
        await ssu.say("hva abonnerer vi på?")
    )
    assert shown_texts(await ssu.say("what are we subscribed to?")) == [
        "This conversation gets the agenda before the meetings of:",
        "SSU (Samarbeidsutvalget): 3 days and the same day before, at 10:00",
        "Change it with “reminders 3 days before at 10”, stop it with “unsubscribe from SSU” "
        "(or “unsubscribe” for all).",
    ]

    await ssu.say("avslutt abonnement")
    assert await ssu.say("hvilke abonnementer har vi?") == NONE_NB


async def test_another_channel_has_its_own(ssu: World) -> None:
    await ssu.say("abonner på SSU")
    other = "19:other-channel@thread.tacv2"
    reply = await ssu.say("subscriptions", conversation=other)
    assert reply.startswith("This conversation isn't subscribed to any committee yet.")
    assert "“subscribe to SSU”" in reply and reply.endswith("The committees I know: SSU.")
    assert "SSU (Samarbeidsutvalget)" in await ssu.say("abonnementer")


async def test_a_near_miss_is_not_answered_with_the_subscriptions(ssu: World) -> None:
    await ssu.say("abonner på SSU")
    reply = await ssu.say("abonnement på avisen, hva koster det")
    assert "Denne samtalen" not in reply and "Samarbeidsutvalget" not in reply
    # "abonner på SSU" still subscribes (again: already)
    assert (await ssu.say("abonner på SSU")).startswith(
        "Denne samtalen får allerede påminnelser for SSU"
    )
