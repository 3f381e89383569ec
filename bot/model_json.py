"""A Bot Connector model as the JSON msrest's `Serializer.body` makes of it, built directly.

`body` first rebuilds the model from itself (a deserializer pass over every attribute, which
turns dicts into models), validates it, then walks it with a generic serializer that raises
and catches an exception for each of an Activity's ~40 unset attributes. For a reply with a
decision card that was ~1 ms of CPU, about a twentieth of a turn. Here a model whose every
value already has the type its attribute map names (models, lists of them, str/int/float/
bool, datetimes, plain JSON for `object`) is written out in one pass; anything else (a dict
where a model belongs, an enum member, a subclass of str) gets `UNSURE`, and the caller uses
msrest as before. The Connector's models have no validation rules, flattened keys or
additional properties; a model with any of them is left to msrest too. A test holds the
output equal to msrest's.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from botbuilder.schema import Activity
from botframework.connector import models as schema
from msrest import Deserializer, Serializer
from msrest.serialization import Model

UNSURE: Any = object()  # not a shape this module writes: msrest serializes it
_BASIC = {"str": str, "int": int, "float": float, "bool": bool}  # msrest name -> Python type


def model_json(value: Any, kind: Any, models: dict[str, type]) -> Any:
    """`value` of msrest type `kind` (a type name, resolved in `models`) as JSON, or UNSURE."""
    if type(kind) is not str:
        return UNSURE
    if kind in _BASIC:
        if type(value) is str and kind == "str":
            return value
        try:  # what msrest does: an enum's value, str(), int() …
            return Serializer.serialize_basic(value, kind)
        except (ValueError, TypeError):
            return UNSURE
    if kind == "object":
        return value if plain_json(value) else UNSURE
    if kind == "iso-8601":
        return Serializer.serialize_iso(value) if type(value) is datetime else UNSURE
    if kind.startswith("[") and kind.endswith("]"):
        inner = kind[1:-1]
        return _each(value, lambda v: UNSURE if v is None else model_json(v, inner, models))
    cls = models.get(kind)
    if cls is None or not issubclass(cls, Model) or not isinstance(value, Model):
        return UNSURE
    # any model (a Mention among [Entity]): msrest writes its own attributes
    fields = _fields(type(value))
    if fields is None:
        return UNSURE
    out: dict[str, Any] = {}
    for attr, key, item_kind in fields:
        item = getattr(value, attr, None)
        if item is None:
            continue
        written = model_json(item, item_kind, models)
        if written is UNSURE:
            return UNSURE
        out[key] = written
    return out


def as_json(model: Model) -> dict[str, Any]:
    """`model.serialize()`: a model of the Connector's as JSON (a conversation reference to
    keep), written directly when it holds plain values."""
    written = model_json(model, type(model).__name__, connector_models())
    return written if written is not UNSURE else model.serialize()


def activity_from_json(body: dict[str, Any]) -> Activity:
    """An incoming activity's JSON as the SDK's model, as `Activity().deserialize(body)`
    builds it (which raises msrest's DeserializationError for a body it cannot read)."""
    built = model_from_json("Activity", body, connector_models())
    return built if built is not UNSURE else Activity().deserialize(body)


@functools.cache
def connector_models() -> dict[str, type]:
    """The Bot Connector's models by name, as its client's serializer resolves them."""
    return {name: value for name, value in schema.__dict__.items() if isinstance(value, type)}


def model_from_json(kind: str, data: Any, models: dict[str, type]) -> Any:
    """JSON `data` as msrest's `Deserializer(models)(kind, data)` builds it (an incoming
    activity: `Activity.deserialize`), or UNSURE. Keys its attribute map does not name are
    kept in `additional_properties`, as msrest keeps them."""
    cls = models.get(kind)
    if cls is None or not issubclass(cls, Model) or type(data) is not dict:
        return UNSURE
    fields = _fields(cls)
    if fields is None:
        return UNSURE
    values: dict[str, Any] = {}
    for attr, key, item_kind in fields:
        item = data.get(key)
        read = None if item is None else _value_from_json(item_kind, item, models)
        if read is UNSURE:
            return UNSURE
        values[attr] = read
    built = cls(**values)
    if extra := {key: data[key] for key in data.keys() - _keys(cls)}:
        built.additional_properties = extra
    return built


@functools.cache
def _fields(cls: type[Model]) -> tuple[tuple[str, str, Any], ...] | None:
    """A model's (attribute, JSON key, msrest type) triples, or None when it has what this
    module leaves to msrest: validation rules, subtypes, additional properties, flattened
    keys. Worked out once per class."""
    fields = tuple((attr, d["key"], d["type"]) for attr, d in cls._attribute_map.items())
    if cls._validation or getattr(cls, "_subtype_map", None):
        return None
    if "additional_properties" in cls._attribute_map:
        return None
    if any(not key or "." in key for _, key, _ in fields):
        return None
    return fields


@functools.cache
def _keys(cls: type[Model]) -> frozenset[str]:
    """The JSON keys a model's attribute map names."""
    return frozenset(key for _, key, _ in _fields(cls) or ())


def _value_from_json(kind: Any, value: Any, models: dict[str, type]) -> Any:
    if type(kind) is not str:
        return UNSURE
    if kind in _BASIC:
        return value if type(value) is _BASIC[kind] else UNSURE
    if kind == "object":
        # msrest copies plain JSON value by value; a body just parsed is used as it is
        return value if plain_json(value) else UNSURE
    if kind == "iso-8601":
        return Deserializer.deserialize_iso(value) if type(value) is str else UNSURE
    if kind.startswith("[") and kind.endswith("]"):
        inner = kind[1:-1]
        return _each(value, lambda v: None if v is None else _value_from_json(inner, v, models))
    return model_from_json(kind, value, models)


def _each(value: Any, convert: Any) -> Any:
    """A list's items converted, or UNSURE when it is not a list or any item is."""
    if type(value) is not list:
        return UNSURE
    items = [convert(v) for v in value]
    return UNSURE if any(item is UNSURE for item in items) else items


class SentCard(dict[str, Any]):
    """An Adaptive Card as an answer sends it. The SDK deep-copies every activity it sends
    (`TurnContext.send_activities`), a card of a few hundred values one by one: ~3 % of a
    turn's CPU. Nothing changes a card once it is built, so its copy is itself. (Not for a
    dialog's prompt: those are kept in its state.)"""

    def __deepcopy__(self, memo: dict[int, Any]) -> SentCard:
        return self


def plain_json(value: Any) -> bool:
    """Nothing but JSON's own types (dicts with string keys, lists, str, numbers, bools,
    None), as `json.dumps` writes them. Walked without recursion: a body may nest
    hundreds deep (json.loads takes 900 levels)."""
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is str or kind is int or kind is float or kind is bool or item is None:
            continue
        if kind is dict or kind is SentCard:
            if any(type(k) is not str for k in item):
                return False
            stack.extend(item.values())
        elif kind is list:
            stack.extend(item)
        else:
            return False
    return True
