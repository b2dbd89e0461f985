"""EBCDIC Japanese (IBM930/939/1390/1399) decoding through glibc iconv, called with ctypes.

Python has no codec for these CCSIDs; glibc's ``iconvdata`` has. Each value is decoded with
the converter's shift state reset, so an SO (0x0E) left open by one field never leaks into
the next. A whole column is converted in one call: values are joined with SI + 0x25 (SI is
accepted in single-byte mode and closes an open DBCS run; 0x25 decodes to LF), and only when
that fails or is ambiguous is each value converted on its own to locate the bad bytes.
"""

from __future__ import annotations

import ctypes
import errno
from collections.abc import Sequence

from migrate.io.iconv import FAIL, libc

SO, SI, LF = 0x0E, 0x0F, 0x25
IBM_CONVERTERS = {
    "ibm930": "IBM930",
    "ibm939": "IBM939",
    "ibm1390": "IBM1390",
    "ibm1399": "IBM1399",
}
_FAIL = FAIL


class CodecUnavailable(RuntimeError):
    """The machine's iconv lacks a converter the layout names."""


def _lib() -> ctypes.CDLL:
    return libc()


def iconv_has(converter: str) -> bool:
    """Whether iconv can convert from ``converter`` (e.g. ``IBM930``) to UTF-8."""
    try:
        cd = _lib().iconv_open(b"UTF-8", converter.encode())
    except (OSError, AttributeError):
        return False
    if cd is None or cd == _FAIL:
        return False
    _lib().iconv_close(cd)
    return True


class IconvCodec:
    """A strict decoder from one iconv converter to ``str``; not thread-safe (one state)."""

    def __init__(self, name: str, converter: str) -> None:
        self.name, self.converter = name, converter
        try:
            cd = _lib().iconv_open(b"UTF-8", converter.encode())
        except (OSError, AttributeError) as exc:
            raise CodecUnavailable(f"{name}: no usable iconv in libc ({exc})") from exc
        if cd is None or cd == _FAIL:
            raise CodecUnavailable(
                f"{name}: this machine's iconv has no {converter} converter "
                f"(glibc iconvdata/{converter.lower()}.so; check `iconv -l`)"
            )
        self._cd = cd

    def _convert(self, data: bytes) -> tuple[str, int | None]:
        """Convert from a reset state; the text before the first bad byte and its position."""
        lib = _lib()
        lib.iconv(self._cd, None, None, None, None)
        src = ctypes.create_string_buffer(data, len(data))
        in_ptr = ctypes.c_char_p(ctypes.addressof(src))
        in_left = ctypes.c_size_t(len(data))
        out: list[bytes] = []
        size = 4 * len(data) + 16
        while True:
            dst = ctypes.create_string_buffer(size)
            out_ptr = ctypes.c_char_p(ctypes.addressof(dst))
            out_left = ctypes.c_size_t(size)
            rc = lib.iconv(
                self._cd,
                ctypes.byref(in_ptr),
                ctypes.byref(in_left),
                ctypes.byref(out_ptr),
                ctypes.byref(out_left),
            )
            out.append(dst.raw[: size - out_left.value])
            err = ctypes.get_errno() if rc == _FAIL else 0
            if rc != _FAIL or in_left.value == 0:
                return b"".join(out).decode("utf-8"), None
            if err != errno.E2BIG:
                return b"".join(out).decode("utf-8"), len(data) - in_left.value
            size *= 2

    def decode(self, data: bytes) -> str:
        """Strict: raise UnicodeDecodeError at the first bad byte."""
        text, bad = self._convert(data)
        if bad is not None:
            raise UnicodeDecodeError(self.name, data, bad, bad + 1, f"invalid {self.converter}")
        return text

    def decode_many(self, values: Sequence[bytes]) -> list[str]:
        """Strict, one iconv call for all values; raise UnicodeDecodeError on any bad byte."""
        if not values:
            return []
        if any(LF in v for v in values):
            return [self.decode(v) for v in values]
        joined = b"\x0f\x25".join(values) + b"\x0f"
        parts = self.decode(joined).split("\n")
        if len(parts) != len(values):
            return [self.decode(v) for v in values]
        return parts

    def decode_located(self, data: bytes) -> tuple[str, list[tuple[int, bytes]]]:
        """Decode with U+FFFD for each bad unit; the (position, bytes) of each."""
        parts: list[str] = []
        problems: list[tuple[int, bytes]] = []
        pos = 0
        while pos < len(data):
            double = _in_dbcs(data, pos)
            chunk = (b"\x0e" if double else b"") + data[pos:]
            text, bad = self._convert(chunk)
            parts.append(text)
            if bad is None:
                break
            at = pos + bad - (1 if double else 0)
            width = 2 if _in_dbcs(data, at) and data[at] not in (SO, SI) else 1
            problems.append((at, data[at : at + width]))
            parts.append("\ufffd")
            pos = at + width
        return "".join(parts), problems


def _in_dbcs(data: bytes, pos: int) -> bool:
    """Whether byte ``pos`` of a mixed field is in DBCS (shift-out) mode."""
    double, i = False, 0
    while i < pos:
        b = data[i]
        if b == SO:
            double, i = True, i + 1
        elif b == SI:
            double, i = False, i + 1
        else:
            i += 2 if double else 1
    return double
