"""The codec registry: unknown names, plugins found by entry point."""

from __future__ import annotations

import pytest

from migrate.errors import UsageError
from migrate.io.codecs import get_codec


def test_unknown_encoding_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown encoding 'latin-9'"):
        get_codec("latin-9")


def _fake_jef(data: bytes) -> str:
    """A stand-in JEF plugin: only ASCII digits, anything else is undecodable."""
    if any(b > 0x39 or b < 0x30 for b in data):
        bad = next(i for i, b in enumerate(data) if b > 0x39 or b < 0x30)
        raise UnicodeDecodeError("jef", data, bad, bad + 1, "not a digit")
    return data.decode("ascii")


def test_codec_plugins_are_found_by_entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import EntryPoint

    import migrate.io.codecs as fw

    found = [
        EntryPoint("jef", "tests.io.test_codecs:_fake_jef", fw.ENTRY_POINT_GROUP),
        EntryPoint("keis", "tests.io.no_such_module:decode", fw.ENTRY_POINT_GROUP),
    ]
    monkeypatch.setattr(fw, "entry_points", lambda group: [e for e in found if e.group == group])
    monkeypatch.setattr(fw, "_plugins", {})
    assert fw.get_codec("JEF").decode(b"123") == "123"
    assert fw.get_codec("jef").decode_located(b"1x3") == ("1\ufffd3", [(1, b"x")])
    with pytest.raises(UsageError, match=r"codec plugin 'keis'.*cannot load"):
        fw.get_codec("keis")
    with pytest.raises(UsageError, match=r"unknown encoding 'jis'.*jef"):
        fw.get_codec("jis")
