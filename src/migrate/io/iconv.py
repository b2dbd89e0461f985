"""glibc iconv through ctypes: bulk conversion to UTF-8 bytes that runs without the GIL.

ctypes releases the GIL for the length of a foreign call, so conversions on worker threads
run side by side, and beside polars. ``Transcoder`` converts CP932 exactly as CPython's
``cp932`` codec does wherever iconv accepts the bytes: glibc's table matches CPython's for
every one- and two-byte sequence except the single bytes 0x80, 0xA0 and 0xFD–0xFF, which
CPython maps (to U+0080 and U+F8F0–U+F8F3) and glibc refuses. A refusal is never an
answer: the caller decodes those bytes with CPython, which also locates bad ones. Only
encodings whose table was found equal are offered (``FAST``); ``Transcoder.available``
checks the machine's table against CPython's once before it is trusted.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import threading
from functools import cache

from migrate.io.scratch import SCRATCH

FAIL = ctypes.c_size_t(-1).value
# project encoding → iconv converter, for tables equal to CPython's (see module doc)
FAST = {"cp932": "CP932"}
REFUSED = {"cp932": frozenset((0x80, 0xA0, 0xFD, 0xFE, 0xFF))}  # CPython decodes, glibc not
_lib_lock = threading.Lock()
_libc: ctypes.CDLL | None = None


def libc() -> ctypes.CDLL:
    """The C library with iconv's argument types declared (loaded once)."""
    global _libc
    with _lib_lock:
        if _libc is None:
            lib = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
            lib.iconv_open.restype = ctypes.c_void_p
            lib.iconv_open.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
            lib.iconv_close.argtypes = [ctypes.c_void_p]
            lib.iconv.restype = ctypes.c_size_t
            lib.iconv.argtypes = [ctypes.c_void_p] + [ctypes.c_void_p] * 4
            _libc = lib
    return _libc


class Transcoder:
    """Strict conversion of whole buffers to UTF-8 bytes; safe to call from any thread."""

    def __init__(self, encoding: str) -> None:
        self.encoding, self.converter = encoding, FAST[encoding]

    def convert(self, data: bytes) -> bytes | None:
        """The UTF-8 bytes of ``data``, or None when iconv refuses any of its bytes.

        Each call opens its own conversion state (cheap once glibc has loaded the table),
        so threads never share one.
        """
        lib = libc()
        cd = lib.iconv_open(b"UTF-8", self.converter.encode())
        if cd is None or cd == FAIL:
            raise OSError(f"iconv has no {self.converter} converter")
        try:
            return self._convert(lib, int(cd), data)
        finally:
            lib.iconv_close(cd)

    def _convert(self, lib: ctypes.CDLL, cd: int, data: bytes) -> bytes | None:
        # Mostly two-byte characters and ASCII: 1.5 bytes out per byte in is usually ample;
        # half-width kana take three, so a full buffer (E2BIG) is retried at the bound.
        for size in (len(data) * 3 // 2 + 16, 3 * len(data) + 16):
            with SCRATCH.take(size) as buf:
                dst = (ctypes.c_char * size).from_buffer(buf)
                in_addr = ctypes.c_void_p(ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p).value)
                in_left = ctypes.c_size_t(len(data))
                out_addr = ctypes.c_void_p(ctypes.addressof(dst))
                out_left = ctypes.c_size_t(size)
                lib.iconv(cd, None, None, None, None)
                rc = lib.iconv(
                    cd,
                    ctypes.byref(in_addr),
                    ctypes.byref(in_left),
                    ctypes.byref(out_addr),
                    ctypes.byref(out_left),
                )
                err = ctypes.get_errno() if rc == FAIL else 0
                del dst  # release the export of ``buf``
                if rc != FAIL and not in_left.value:
                    with memoryview(buf) as view:
                        return bytes(view[: size - out_left.value])
            if err != errno.E2BIG:
                return None
        return None

    @property
    def available(self) -> bool:
        """Whether this machine's iconv converts exactly as CPython does (checked once)."""
        return _agrees(self.encoding)


def _sample(encoding: str) -> bytes:
    """Every byte and byte pair that both decode, as one buffer (two-byte pairs whole)."""
    out = bytearray()
    for b in range(0x100):
        try:
            if b not in REFUSED[encoding] and len(bytes((b,)).decode(encoding)) == 1:
                out.append(b)
        except UnicodeDecodeError:
            continue
    for lead in range(0x80, 0x100):
        for trail in range(0x40, 0x100):
            pair = bytes((lead, trail))
            try:
                if len(pair.decode(encoding)) == 1:
                    out += pair
            except UnicodeDecodeError:
                continue
    return bytes(out)


@cache
def _agrees(encoding: str) -> bool:
    """Whether iconv converts every two-byte character and ASCII byte as CPython does."""
    try:
        sample = _sample(encoding)
        return Transcoder(encoding).convert(sample) == sample.decode(encoding).encode()
    except (OSError, AttributeError):
        return False


@cache
def transcoder(encoding: str) -> Transcoder | None:
    """The fast transcoder for ``encoding`` (a project name), or None where there is none."""
    if encoding not in FAST:
        return None
    t = Transcoder(encoding)
    return t if t.available else None
