"""Decode a legacy text file to UTF-8 once, streaming, and locate every byte that does not decode.

Polars reads only UTF-8, so every other encoding is transcoded here in large chunks cut at
line ends. LF (0x0A) never occurs inside a multi-byte character of the supported encodings,
so a chunk that ends at LF decodes on its own. A UTF-8 file that decodes cleanly is not
copied at all.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from migrate.errors import InputError, UsageError
from migrate.io.census import QUOTES, Census
from migrate.io.iconv import transcoder
from migrate.io.paths import require_regular

SUPPORTED = ("utf-8", "utf-8-sig", "cp932", "shift_jis", "euc_jp")
ENCODING_ALIASES = {  # spellings users write → the project's name
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "utf_8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "utf_8_sig": "utf-8-sig",
    "utf8-sig": "utf-8-sig",
    "cp932": "cp932",
    "ms932": "cp932",
    "windows-31j": "cp932",
    "shift_jis": "shift_jis",
    "shift-jis": "shift_jis",
    "sjis": "shift_jis",
    "euc-jp": "euc_jp",
    "euc_jp": "euc_jp",
    "eucjp": "euc_jp",
}
CHUNK = 4 * 1024 * 1024  # with WORKERS + 1 chunks in flight, their input and output bytes
WORKERS = 2  # chunks converted at once by iconv (the machines this runs on have 2+ cores)
SNIFF = 1024 * 1024
_BOM = codecs.BOM_UTF8


def canonical_encoding(name: str) -> str:
    """The project's spelling of an encoding name, or a UsageError listing the supported ones."""
    key = name.strip().lower()
    if key not in ENCODING_ALIASES:
        raise UsageError(f"unsupported encoding {name!r}: use one of {', '.join(SUPPORTED)}")
    return ENCODING_ALIASES[key]


@dataclass(frozen=True)
class DecodeError:
    """Bytes that did not decode: where they are and what they were."""

    line: int
    byte_offset: int
    raw: bytes


@dataclass
class Decoded:
    """A source file made readable by polars, with what decoding it revealed."""

    source: Path
    text_path: Path
    encoding: str
    guessed: bool
    size: int
    errors: list[DecodeError] = field(default_factory=list)
    error_count: int = 0
    binary_at: int | None = None
    verified: bool = True
    lines: int | None = None  # counted as a transcoded copy was written (``census``)
    quotes_seen: frozenset[str] = frozenset()  # of ``census.QUOTES``, in the copy

    def census(self, quote: str) -> Census | None:
        """The census of ``text_path`` taken while it was written, if it was (transcoded)."""
        if self.lines is None or quote not in QUOTES:
            return None
        return Census(self.lines, quote in self.quotes_seen)


def guess_encoding(head: bytes) -> str:
    """Guess from the first bytes: a BOM, strict UTF-8, then CP932 or EUC-JP.

    A guess, never a fact: short or ASCII-only samples fit several encodings. CP932 is
    preferred over Shift_JIS (it is a superset). EUC-JP text often decodes as CP932 too,
    as a run of half-width kana; then the EUC-JP reading wins.
    """
    if head.startswith(_BOM):
        return "utf-8-sig"
    cut = head[: head.rfind(b"\n") + 1] or head
    try:
        cut.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    as_cp932 = _try_decode(cut, "cp932")
    as_euc = _try_decode(cut, "euc_jp")
    if as_cp932 is not None and as_euc is not None:
        halfwidth = sum(1 for ch in as_cp932 if "\uff61" <= ch <= "\uff9f")
        return "euc_jp" if halfwidth * 3 > len(as_cp932) else "cp932"
    if as_euc is not None:
        return "euc_jp"
    return "cp932"


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _chunks(path: Path) -> Iterator[bytes]:
    """The file in large pieces, each ending at a line end (except perhaps the last)."""
    with path.open("rb") as fh:
        rest = b""
        while True:
            block = fh.read(CHUNK)
            if not block:
                if rest:
                    yield rest
                return
            block = rest + block
            cut = block.rfind(b"\n") + 1
            if cut == 0:
                rest = block
                continue
            rest = block[cut:]
            yield block[:cut]


def _decode_located(
    chunk: bytes, encoding: str, first_line: int, base_offset: int, out: Decoded, keep: int
) -> str:
    """Decode a chunk that failed strictly, line by line, recording each bad byte run."""
    parts: list[str] = []
    offset = base_offset
    for n, line in enumerate(chunk.splitlines(keepends=True)):
        try:
            parts.append(line.decode(encoding))
        except UnicodeDecodeError:
            pos = 0
            while pos < len(line):
                try:
                    parts.append(line[pos:].decode(encoding))
                    break
                except UnicodeDecodeError as exc:
                    parts.append(line[pos : pos + exc.start].decode(encoding))
                    bad = line[pos + exc.start : pos + exc.end]
                    out.error_count += 1
                    if len(out.errors) < keep:
                        out.errors.append(
                            DecodeError(first_line + n, offset + pos + exc.start, bad)
                        )
                    parts.append("\ufffd")
                    pos += exc.end
        offset += len(line)
    return "".join(parts)


def decode_to_utf8(
    path: Path, encoding: str | None, workdir: Path, keep_errors: int = 10_000
) -> Decoded:
    """Make ``path`` readable as UTF-8; the result names the file polars should scan.

    ``encoding`` None means: guess, and say so. A UTF-8 file is handed to polars as it is
    (``verified`` False): polars validates UTF-8 as it scans, and only when it refuses is
    the file transcoded (``transcode``) to locate the bad bytes. Other encodings are
    transcoded at once. A NUL byte in the first MiB marks the file as binary.
    """
    require_regular(path, "data")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(SNIFF)
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    guessed = encoding is None
    enc = guess_encoding(head) if encoding is None else canonical_encoding(encoding)
    if enc == "utf-8" and head.startswith(_BOM):
        enc = "utf-8-sig"
    out = Decoded(path, path, enc, guessed, size, verified=enc != "utf-8")
    if b"\x00" in head:
        out.binary_at = head.index(b"\x00")
        return out
    if enc == "utf-8":
        return out
    return transcode(out, workdir, keep_errors)


def transcode(out: Decoded, workdir: Path, keep_errors: int = 10_000) -> Decoded:
    """Write the source as clean UTF-8, bad bytes replaced by U+FFFD and recorded.

    CP932 chunks are converted by glibc iconv on worker threads (``iconv.Transcoder``: no
    GIL, so chunks convert side by side) while this thread writes the previous ones in
    order; a chunk iconv refuses, and every other encoding, is decoded by CPython here,
    which also locates the bad bytes. At most ``WORKERS + 1`` chunks are in flight.
    """
    enc = out.encoding.replace("-sig", "")
    fd, tmp = tempfile.mkstemp(suffix=".csv", dir=workdir)
    out.text_path, out.verified = Path(tmp), True
    out.errors, out.error_count = [], 0
    fast = transcoder(enc)
    pending: deque[tuple[bytes, Future[bytes | None] | None]] = deque()
    line = 1
    offset = 0
    last, seen = b"", set[str]()

    def write_oldest() -> None:
        nonlocal line, offset, last
        chunk, converted = pending.popleft()
        data = converted.result() if converted is not None else None
        if data is None:
            try:
                text = chunk.decode(enc)
            except UnicodeDecodeError:
                text = _decode_located(chunk, enc, line, offset, out, keep_errors)
            data = text.encode("utf-8")
        sink.write(data)
        line += chunk.count(b"\n")  # LF is never inside a character of these encodings
        offset += len(chunk)
        last = data[-1:] or last
        seen.update(q for q in QUOTES if q not in seen and q.encode() in data)

    with os.fdopen(fd, "wb") as sink, ThreadPoolExecutor(WORKERS) as pool:
        for i, chunk in enumerate(_chunks(out.source)):
            if b"\x00" in chunk:
                while pending:  # the chunks before it, then stop at the binary byte
                    write_oldest()
                out.binary_at = offset + chunk.index(b"\x00")
                return out
            if i == 0 and chunk.startswith(_BOM):
                chunk, offset = chunk[len(_BOM) :], len(_BOM)
            pending.append((chunk, pool.submit(fast.convert, chunk) if fast else None))
            if len(pending) > WORKERS:
                write_oldest()
        while pending:
            write_oldest()
    out.lines = line - 1 + (1 if last not in (b"", b"\n") else 0)
    out.quotes_seen = frozenset(seen)
    return out
