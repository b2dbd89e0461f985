"""What a mapping step may pass to a transform: its declared parameters, by type and bound.

A transform declares its parameters as the typed fields of its dataclass (``str``, ``int``,
``bool``, a ``Literal`` of choices, a ``Mapping[str, str]`` table, ``None`` when optional)
and, for integers, a range in ``BOUNDS``. ``param_problems`` checks a step's parameters
against that declaration before the transform is built, so a wrong type (``trim: {chars:
5}``) or an absurd size (``pad: {width: 1e30}``) is a located problem of the mapping, never
an error while converting.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

# Declared ranges of integer parameters, (transform, parameter) → (least, most).
BOUNDS: dict[tuple[str, str], tuple[int, int]] = {
    ("pad", "width"): (0, 10_000),
    ("split", "parts"): (2, 100),
    ("split", "part"): (1, 100),
}
# Declared lengths of text parameters (a separator or a character set is short).
MAX_TEXT = 1_000
MAX_TABLE = 1_000_000
MAX_INT = 2**31 - 1  # any other integer parameter


def _describe(hint: Any) -> str:
    origin = get_origin(hint)
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(hint))
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(a) for a in get_args(hint))
    if hint is type(None):
        return "null"
    if origin is not None and issubclass(origin, Mapping):
        return "a table of text to text"
    if hint is Path:
        return "a file path"
    names = {str: "text", int: "an integer", bool: "true or false"}
    return names.get(hint, getattr(hint, "__name__", str(hint)))


def _conforms(value: Any, hint: Any) -> bool:
    origin = get_origin(hint)
    if origin is Literal:
        return any(value == a and type(value) is type(a) for a in get_args(hint))
    if origin in (typing.Union, types.UnionType):
        return any(_conforms(value, a) for a in get_args(hint))
    if hint is type(None):
        return value is None
    if origin is not None and issubclass(origin, Mapping):
        return isinstance(value, Mapping) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        )
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is Path:
        return isinstance(value, (str, Path))
    return isinstance(value, hint) if isinstance(hint, type) else True


def declared(cls: type) -> dict[str, Any]:
    """Parameter name → declared type of a transform class (its dataclass fields)."""
    hints = get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls) if f.init}


def param_problems(name: str, cls: type, params: Mapping[str, Any]) -> list[str]:
    """Each parameter that the transform does not declare, or of the wrong type or size."""
    decl = declared(cls)
    out = []
    for key, value in params.items():
        if key not in decl:
            known = ", ".join(decl) or "none"
            out.append(f"{key}: {name} has no such parameter (it takes: {known})")
            continue
        hint = decl[key]
        if not _conforms(value, hint):
            out.append(
                f"{key}: expects {_describe(hint)}, not {type(value).__name__} {value!r}"[:200]
            )
            continue
        least, most = BOUNDS.get((name, key), (-MAX_INT, MAX_INT))
        if isinstance(value, int) and not least <= value <= most:
            out.append(f"{key}: {value} is outside the allowed {least}..{most}")
        if isinstance(value, str) and len(value) > MAX_TEXT:
            out.append(f"{key}: longer than {MAX_TEXT} characters")
        if isinstance(value, Mapping) and len(value) > MAX_TABLE:
            out.append(f"{key}: more than {MAX_TABLE} entries")
    return out
