"""storage/bot_state.py: the Bot Framework Storage on SQLite and PostgreSQL.

The reference for behaviour is botbuilder's MemoryStorage; the difference that matters is
that the e_tag check holds between storages (bot instances) on the same database.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from botbuilder.core import ConversationState, StoreItem, TurnContext, UserState
from botbuilder.core.adapters import TestAdapter
from botbuilder.dialogs import DialogSet, DialogTurnStatus, WaterfallDialog, WaterfallStepContext
from botbuilder.dialogs.prompts import PromptOptions, TextPrompt
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount, ConversationAccount
from sqlalchemy import text

from storage.bot_state import (
    DEFAULT_ALLOWED_MODULES,
    KEY_MAX_LENGTH,
    DatabaseStorage,
    ETagConflictError,
)
from storage.database import Database

ALLOWED = (*DEFAULT_ALLOWED_MODULES, __name__)


class Note(StoreItem):
    """A StoreItem subclass, as a bot would store one."""


@dataclass
class Profile:
    name: str
    seen: dt.datetime


@pytest.fixture
def storage(db: Database) -> DatabaseStorage:
    return DatabaseStorage(db, allowed_modules=ALLOWED)


@pytest.fixture
async def other_db(database_url: str) -> AsyncIterator[Database]:
    """A second Database on the same database: another bot instance, own engine and pool."""
    database = Database(database_url)
    yield database
    await database.close()


@pytest.fixture
def other(other_db: Database) -> DatabaseStorage:
    return DatabaseStorage(other_db, allowed_modules=ALLOWED)


async def test_reading_missing_keys_returns_nothing_for_them(storage: DatabaseStorage) -> None:
    await storage.write({"a": {"n": 1}})
    assert await storage.read(["missing"]) == {}
    assert set(await storage.read(["a", "missing"])) == {"a"}
    assert await storage.read([]) == {}
    assert await storage.read(None) == {}  # type: ignore[arg-type]  # as MemoryStorage


async def test_dict_round_trip_gets_an_e_tag(storage: DatabaseStorage) -> None:
    when = dt.datetime(2026, 12, 9, 12, 30, tzinfo=ZoneInfo("Europe/Oslo"))
    item = {"count": 3, "names": ["Kari", "Åse"], "when": when, "nested": {"ok": True}}
    await storage.write({"conv/1": item})

    read = (await storage.read(["conv/1"]))["conv/1"]
    assert read.pop("e_tag")
    assert read == item
    assert read["when"].tzinfo == ZoneInfo("Europe/Oslo")
    assert "e_tag" not in item  # the caller's item is not changed


async def test_store_item_object_round_trip(storage: DatabaseStorage) -> None:
    seen = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)
    await storage.write({"user/1": Note(text="hei", profile=Profile("Kari", seen), tags={"a"})})

    read = (await storage.read(["user/1"]))["user/1"]
    assert isinstance(read, Note)
    assert (read.text, read.profile, read.tags) == ("hei", Profile("Kari", seen), {"a"})
    assert isinstance(read.e_tag, str) and read.e_tag


async def test_star_or_no_e_tag_overwrites(storage: DatabaseStorage) -> None:
    await storage.write({"k": {"v": 1}})
    first = (await storage.read(["k"]))["k"]["e_tag"]
    await storage.write({"k": {"v": 2, "e_tag": "*"}})
    second = (await storage.read(["k"]))["k"]
    assert second["v"] == 2 and second["e_tag"] != first
    await storage.write({"k": Note(v=3)})
    assert (await storage.read(["k"]))["k"].v == 3


async def test_matching_e_tag_writes_and_changes_the_e_tag(storage: DatabaseStorage) -> None:
    await storage.write({"k": Note(v=1)})
    item = (await storage.read(["k"]))["k"]
    old = item.e_tag
    item.v = 2
    await storage.write({"k": item})

    read = (await storage.read(["k"]))["k"]
    assert read.v == 2
    assert read.e_tag != old
    assert item.e_tag == old  # as MemoryStorage: the written object keeps the e_tag it had


async def test_stale_e_tag_raises_and_keeps_the_stored_value(storage: DatabaseStorage) -> None:
    await storage.write({"k": {"v": 1}})
    stale = (await storage.read(["k"]))["k"]
    await storage.write({"k": {**stale, "v": 2}})  # someone else wins
    current = (await storage.read(["k"]))["k"]

    with pytest.raises(KeyError) as raised:  # MemoryStorage raises KeyError too
        await storage.write({"k": {**stale, "v": 3}})
    assert isinstance(raised.value, ETagConflictError)
    assert "'k'" in str(raised.value) and stale["e_tag"] in str(raised.value)
    assert (await storage.read(["k"]))["k"] == current


async def test_a_conflict_leaves_none_of_the_batch_written(storage: DatabaseStorage) -> None:
    await storage.write({"a": {"v": 1}, "b": {"v": 1}})
    before = await storage.read(["a", "b"])
    await storage.write({"b": {"v": 2}})
    after_b = (await storage.read(["b"]))["b"]

    # "a" comes first and is fine, "b" conflicts: neither is written, nor the new "c".
    with pytest.raises(ETagConflictError):
        await storage.write(
            {"a": {**before["a"], "v": 10}, "c": {"v": 10}, "b": {**before["b"], "v": 10}}
        )
    assert await storage.read(["a", "b", "c"]) == {"a": before["a"], "b": after_b}


async def test_delete(storage: DatabaseStorage) -> None:
    await storage.write({"a": {"v": 1}, "b": {"v": 2}})
    await storage.delete(["a", "missing"])
    assert set(await storage.read(["a", "b"])) == {"b"}
    await storage.delete({"b"})  # BotState.delete passes a set
    await storage.delete([])
    assert await storage.read(["a", "b"]) == {}
    with pytest.raises(TypeError):  # as MemoryStorage
        await storage.delete(None)  # type: ignore[arg-type]


async def test_keys_differing_by_case_or_trailing_space_are_different(
    storage: DatabaseStorage,
) -> None:
    await storage.write({"msteams/users/Kari": {"v": 1}})
    assert await storage.read(["msteams/users/kari", "msteams/users/Kari "]) == {}
    await storage.write({"msteams/users/Kari ": {"v": 2}})
    read = await storage.read(["msteams/users/Kari", "msteams/users/Kari "])
    assert (read["msteams/users/Kari"]["v"], read["msteams/users/Kari "]["v"]) == (1, 2)
    await storage.delete(["msteams/users/KARI"])
    assert len(await storage.read(["msteams/users/Kari", "msteams/users/Kari "])) == 2


async def test_input_errors_like_memory_storage(storage: DatabaseStorage) -> None:
    with pytest.raises(Exception, match="Changes are required"):
        await storage.write(None)  # type: ignore[arg-type]
    await storage.write({})
    with pytest.raises(Exception, match="etag missing"):
        await storage.write({"k": {"e_tag": ""}})
    assert await storage.read(["k"]) == {}


async def test_new_key_with_an_e_tag_is_created(storage: DatabaseStorage) -> None:
    # MemoryStorage checks e_tags only against a stored item; so does this storage.
    await storage.write({"k": {"v": 1, "e_tag": "from-a-deleted-item"}})
    assert (await storage.read(["k"]))["k"]["v"] == 1


async def test_long_keys_up_to_the_column_length(storage: DatabaseStorage) -> None:
    key = "msteams/conversations/" + "a" * (KEY_MAX_LENGTH - 22)
    await storage.write({key: {"v": 1}})
    assert (await storage.read([key]))[key]["v"] == 1
    with pytest.raises(ValueError, match="longer than"):
        await storage.write({key + "x": {"v": 1}})


async def test_objects_of_other_modules_are_refused_on_write(db: Database) -> None:
    storage = DatabaseStorage(db)  # default allowed_modules: not this test module
    with pytest.raises(TypeError, match="allowed_modules"):
        await storage.write({"k": Note(v=1)})
    assert await storage.read(["k"]) == {}


async def test_a_row_naming_a_foreign_callable_is_not_restored(
    db: Database, storage: DatabaseStorage
) -> None:
    # What a tampered row would hold: jsonpickle would call os.system on restore.
    data = '{"py/reduce":[{"py/function":"os.system"},{"py/tuple":["echo owned"]}]}'

    def tamper(session) -> None:  # type: ignore[no-untyped-def]
        session.execute(
            text("INSERT INTO bot_state (key, data, e_tag, updated_at) VALUES (:k, :d, 'x', :t)"),
            {"k": "evil", "d": data, "t": dt.datetime(2026, 1, 1)},
        )

    await db.write(tamper)
    with pytest.raises(ValueError, match=r"os\.system"):
        await storage.read(["evil"])


async def test_two_instances_see_each_others_writes_and_conflicts(
    storage: DatabaseStorage, other: DatabaseStorage
) -> None:
    await storage.write({"conv": {"turn": 1}})
    seen_by_other = (await other.read(["conv"]))["conv"]
    assert seen_by_other["turn"] == 1

    seen_by_first = (await storage.read(["conv"]))["conv"]
    await other.write({"conv": {**seen_by_other, "turn": 2}})
    with pytest.raises(ETagConflictError):
        await storage.write({"conv": {**seen_by_first, "turn": 2}})
    assert (await storage.read(["conv"]))["conv"]["turn"] == 2

    await storage.delete(["conv"])
    assert await other.read(["conv"]) == {}


async def test_concurrent_writers_with_one_e_tag_exactly_one_wins(
    storage: DatabaseStorage, other: DatabaseStorage
) -> None:
    await storage.write({"conv": {"writer": None}})
    seen = (await storage.read(["conv"]))["conv"]

    async def attempt(i: int) -> bool:
        try:
            await (storage, other)[i % 2].write({"conv": {**seen, "writer": i}})
        except ETagConflictError:
            return False
        return True

    results = await asyncio.gather(*(attempt(i) for i in range(6)))
    assert results.count(True) == 1
    assert (await other.read(["conv"]))["conv"]["writer"] == results.index(True)


async def test_concurrent_first_writes(storage: DatabaseStorage, other: DatabaseStorage) -> None:
    # Overwrites all succeed (an upsert); writes carrying an e_tag to a new key race on the
    # INSERT, and only the first can have known what it overwrote.
    async def write(i: int, e_tag: str | None) -> bool:
        item = {"writer": i} if e_tag is None else {"writer": i, "e_tag": e_tag}
        try:
            await (storage, other)[i % 2].write({f"new/{e_tag}": item})
        except ETagConflictError:
            return False
        return True

    assert all(await asyncio.gather(*(write(i, None) for i in range(6))))
    assert (await asyncio.gather(*(write(i, "old") for i in range(6)))).count(True) == 1


def _activity(text: str) -> Activity:
    # channel_id as a plain str, as channels send it: TestAdapter's default is the enum
    # Channels.test, whose keys come out as "Channels.test/conversations/…".
    return Activity(
        type=ActivityTypes.message,
        text=text,
        channel_id="test",
        conversation=ConversationAccount(id="Convo1"),
        from_property=ChannelAccount(id="User1"),
        recipient=ChannelAccount(id="bot"),
    )


async def test_conversation_and_user_state_through_the_sdk(
    storage: DatabaseStorage, other: DatabaseStorage
) -> None:
    """Two bot instances (adapters with their own storages) serve one conversation."""

    def make_bot(store: DatabaseStorage) -> TestAdapter:
        conversation, user = ConversationState(store), UserState(store)
        turns = conversation.create_property("turns")
        name = user.create_property("name")

        async def logic(context: TurnContext) -> None:
            count = (await turns.get(context) or 0) + 1  # the SDK turns a 0 default into None
            await turns.set(context, count)
            if context.activity.text.startswith("jeg heter "):
                await name.set(context, context.activity.text.removeprefix("jeg heter "))
            await context.send_activity(f"{count}: {await name.get(context, '?')}")
            await conversation.save_changes(context)
            await user.save_changes(context)

        return TestAdapter(logic, _activity(""))

    first, second = make_bot(storage), make_bot(other)
    await first.test("hei", "1: ?")
    await second.test("jeg heter Kari", "2: Kari")
    await first.test("igjen", "3: Kari")

    stored = await storage.read(["test/conversations/Convo1", "test/users/User1"])
    assert stored["test/conversations/Convo1"]["turns"] == 3
    assert stored["test/users/User1"]["name"] == "Kari"


async def test_dialog_state_survives_between_instances(
    storage: DatabaseStorage, other: DatabaseStorage
) -> None:
    """A prompt asked by one instance is answered on another: DialogState round-trips."""

    def make_bot(store: DatabaseStorage) -> TestAdapter:
        conversation = ConversationState(store)
        dialogs = DialogSet(conversation.create_property("dialog_state"))
        dialogs.add(TextPrompt("text"))

        async def ask(step: WaterfallStepContext):  # type: ignore[no-untyped-def]
            prompt = Activity(type=ActivityTypes.message, text="Hva heter du?")
            return await step.prompt("text", PromptOptions(prompt=prompt))

        async def greet(step: WaterfallStepContext):  # type: ignore[no-untyped-def]
            await step.context.send_activity(f"Hei, {step.result}!")
            return await step.end_dialog()

        dialogs.add(WaterfallDialog("hello", [ask, greet]))

        async def logic(context: TurnContext) -> None:
            dialog_context = await dialogs.create_context(context)
            result = await dialog_context.continue_dialog()
            if result.status == DialogTurnStatus.Empty:
                await dialog_context.begin_dialog("hello")
            await conversation.save_changes(context)

        return TestAdapter(logic, _activity(""))

    await make_bot(storage).test("hei", "Hva heter du?")
    await make_bot(other).test("Kari", "Hei, Kari!")


async def test_concurrent_turns_conflict_in_bot_state(
    storage: DatabaseStorage, other: DatabaseStorage
) -> None:
    """Two instances load the same conversation state; the second save loses."""
    adapter = TestAdapter()
    await storage.write({"test/conversations/Convo1": {"turns": 1}})
    states = ConversationState(storage), ConversationState(other)
    contexts = TurnContext(adapter, _activity("a")), TurnContext(adapter, _activity("b"))
    for state, context in zip(states, contexts, strict=True):
        await state.load(context)
        await state.create_property("turns").set(context, 2)

    await states[0].save_changes(contexts[0])
    with pytest.raises(ETagConflictError):
        await states[1].save_changes(contexts[1])
