"""Field decoders for fixed-width records: the codec registry and decoding of byte columns.

A codec turns one field's bytes into text and can locate the bytes it cannot decode.
CPython codecs cover CP932, Shift_JIS and EUC-JP; glibc iconv (``ebcdic.py``) the IBM
EBCDIC code pages; plugins (``register_codec`` or the ``migrate.codecs`` entry point group)
the vendor encodings such as JEF or KEIS. See docs/fixed-width.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

import numpy as np
import polars as pl

from migrate.errors import UsageError
from migrate.io.decode import ENCODING_ALIASES
from migrate.io.ebcdic import IBM_CONVERTERS, IconvCodec


@runtime_checkable
class Codec(Protocol):
    """A strict decoder: ``decode`` raises UnicodeDecodeError, ``decode_located`` never does."""

    name: str

    def decode(self, data: bytes) -> str:
        """The text of ``data``; raises UnicodeDecodeError on a byte it cannot decode."""
        ...

    def decode_many(self, values: Sequence[bytes]) -> list[str]:
        """The text of each value, in order; raises like ``decode``."""
        ...

    def decode_located(self, data: bytes) -> tuple[str, list[tuple[int, bytes]]]:
        """The text with U+FFFD for each bad run, and each run's (0-based byte offset, bytes)."""
        ...


class FunctionCodec:
    """A plugin decoder ``bytes -> str`` that raises UnicodeDecodeError (or ValueError)."""

    def __init__(self, name: str, fn: Callable[[bytes], str]) -> None:
        self.name, self._fn = name, fn

    def decode(self, data: bytes) -> str:
        """The text of ``data``; raises whatever the plugin function raises."""
        return self._fn(data)

    def decode_many(self, values: Sequence[bytes]) -> list[str]:
        """The text of each value, one plugin call per value."""
        return [self._fn(v) for v in values]

    def decode_located(self, data: bytes) -> tuple[str, list[tuple[int, bytes]]]:
        """The text with U+FFFD for each bad run, and each run's (0-based byte offset, bytes).

        A ValueError (not a UnicodeDecodeError) gives no position: the rest of ``data`` is
        one bad run.
        """
        parts: list[str] = []
        problems: list[tuple[int, bytes]] = []
        pos = 0
        while pos < len(data):
            try:
                parts.append(self._fn(data[pos:]))
                break
            except UnicodeDecodeError as exc:
                parts.append(self._fn(data[pos : pos + exc.start]) if exc.start else "")
                problems.append((pos + exc.start, data[pos + exc.start : pos + exc.end]))
                parts.append("\ufffd")
                pos += max(exc.end, exc.start + 1)
            except ValueError:
                problems.append((pos, data[pos:]))
                parts.append("\ufffd")
                break
        return "".join(parts), problems


class PythonCodec(FunctionCodec):
    """A CPython codec; a column decodes in one call, joined by LF (never inside a character)."""

    def __init__(self, encoding: str) -> None:
        super().__init__(encoding, lambda b: b.decode(encoding))
        self.encoding = encoding


# The legacy encodings of decode.py (not UTF-8: fixed-width legacy files are not UTF-8).
_PYTHON = {
    alias: name
    for alias, name in ENCODING_ALIASES.items()
    if name in {"cp932", "shift_jis", "euc_jp"}
}
_IBM_ALIASES = {f"cp{n}": f"ibm{n}" for n in (930, 939, 1390, 1399)}
_plugins: dict[str, Codec] = {}
_iconv_cache: dict[str, Codec] = {}


def register_codec(name: str, decoder: Callable[[bytes], str] | Codec) -> None:
    """Make ``name`` (e.g. ``jef``, ``keis``) usable as a spec encoding; replaces any earlier."""
    key = name.strip().lower()
    _plugins[key] = decoder if isinstance(decoder, Codec) else FunctionCodec(key, decoder)


def unregister_codec(name: str) -> None:
    """Forget the plugin decoder registered as ``name``, if any."""
    _plugins.pop(name.strip().lower(), None)


def get_codec(name: str) -> Codec:
    """The decoder for an encoding name: plugins first, then CPython, then glibc iconv."""
    key = name.strip().lower()
    if key in _plugins:
        return _plugins[key]
    if key in _PYTHON:
        return PythonCodec(_PYTHON[key])
    key = _IBM_ALIASES.get(key, key)
    if key in IBM_CONVERTERS:
        if key not in _iconv_cache:
            _iconv_cache[key] = IconvCodec(key, IBM_CONVERTERS[key])
        return _iconv_cache[key]
    if _load_entry_point(key):
        return _plugins[key]
    known = sorted({*_PYTHON.values(), *IBM_CONVERTERS, *_plugins, *_entry_point_names()})
    raise UsageError(f"unknown encoding {name!r}: use one of {', '.join(known)}")


ENTRY_POINT_GROUP = "migrate.codecs"


def _entry_point_names() -> set[str]:
    return {ep.name.lower() for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _load_entry_point(key: str) -> bool:
    """Register the installed plugin named ``key`` (group ``migrate.codecs``), if any.

    A package providing JEF or KEIS declares, in its pyproject.toml,
    ``[project.entry-points."migrate.codecs"] jef = "pkg.module:decode"``, where the object
    is a ``bytes -> str`` function or a ``Codec``; mapping files then say ``encoding: jef``.
    """
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name.lower() == key:
            try:
                register_codec(key, ep.load())
            except Exception as exc:  # a broken plugin must not be a traceback
                raise UsageError(
                    f"codec plugin {ep.name!r} ({ep.value}) cannot load: {exc}"
                ) from exc
            return True
    return False


# ---------------------------------------------------------------- columns


def _column_text(codec: Codec, block: np.ndarray, graphic: bool) -> str | None:
    """A clean CPython-codec column as one text, values separated by LF (None otherwise).

    LF never occurs inside a character of those encodings, so when the bytes hold none, the
    text splits back into exactly one value per row.
    """
    n = block.shape[0]
    if graphic or not isinstance(codec, PythonCodec) or not n or (block == 0x0A).any():
        return None
    lf = np.full((n, 1), 0x0A, np.uint8)
    try:
        return np.hstack([block, lf]).tobytes().decode(codec.encoding)[:-1]
    except UnicodeDecodeError:
        return None


def decode_series(
    codec: Codec, block: np.ndarray, graphic: bool = False
) -> tuple[pl.Series, list[tuple[int, int, bytes]]]:
    """``decode_column`` as a polars Series, with the same located bad bytes.

    A clean column never becomes Python strings one by one: it decodes as one text, which
    polars splits.
    """
    text = _column_text(codec, block, graphic)
    if text is not None:
        return pl.Series([text]).str.split("\n").explode(), []
    values, bad = decode_column(codec, block, graphic)
    return pl.Series(values, dtype=pl.String), bad


def decode_column(
    codec: Codec, block: np.ndarray, graphic: bool = False
) -> tuple[list[str], list[tuple[int, int, bytes]]]:
    """Decode each row of a ``(n, width)`` byte block; bad bytes as (row, position, bytes)."""
    n = block.shape[0]
    shift = 0
    if graphic:
        so, si = np.full((n, 1), 0x0E, np.uint8), np.full((n, 1), 0x0F, np.uint8)
        block, shift = np.hstack([so, block, si]), 1
    if isinstance(codec, PythonCodec) and not (block == 0x0A).any():
        lf = np.full((n, 1), 0x0A, np.uint8)
        try:
            parts = np.hstack([block, lf]).tobytes().decode(codec.encoding).split("\n")
            if len(parts) == n + 1:
                return parts[:n], []
        except UnicodeDecodeError:
            pass
    width = block.shape[1]
    raw = block.tobytes()
    values = [raw[i : i + width] for i in range(0, n * width, width)]
    try:
        return codec.decode_many(values), []
    except (UnicodeDecodeError, ValueError):
        pass
    texts: list[str] = []
    bad: list[tuple[int, int, bytes]] = []
    for i, value in enumerate(values):
        text, found = codec.decode_located(value)
        texts.append(text)
        bad.extend((i, min(max(p - shift, 0), width - 2 * shift - 1), b) for p, b in found)
    return texts, bad
