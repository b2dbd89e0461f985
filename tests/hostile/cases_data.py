"""Hostile data files, each met by validate, convert and mapping draft.

Every variant alters the synthetic 住民 sample (with its planted personal values) as bytes:
encodings, control bytes, line endings, quoting, sizes, archives given as CSV.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.hostile.corpus import ANY, FAIL, MEMORY, Case, identity_mapping, jumin_text, write

Variant = Callable[[], bytes]


def _utf8() -> bytes:
    return jumin_text().encode("utf-8")


def _lines() -> list[str]:
    return jumin_text().splitlines(keepends=True)


def _at_record(n: int, before: bytes = b"", inside: bytes = b"") -> bytes:
    """The sample with ``before`` at the start of record ``n`` and ``inside`` in its name."""
    lines = [line.encode("utf-8") for line in _lines()]
    line = lines[n]
    if inside:
        head, _, tail = line.partition("　".encode())
        line = head + inside + "　".encode() + tail
    lines[n] = before + line
    return b"".join(lines)


def _quote(n: int, field: str) -> bytes:
    """Record ``n`` with its 氏名 field replaced by ``field`` as written."""
    lines = _lines()
    cells = lines[n].split(",")
    cells[8] = field
    lines[n] = ",".join(cells)
    return "".join(lines).encode("utf-8")


def _endings(sep: str) -> bytes:
    return sep.join(line.rstrip("\r\n") for line in _lines()).encode("utf-8") + sep.encode()


def _mixed() -> bytes:
    seps = ["\r\n", "\n", "\r"]
    lines = [line.rstrip("\r\n") for line in _lines()]
    return "".join(x + seps[i % 3] for i, x in enumerate(lines)).encode("utf-8")


def _big_field(size: int) -> bytes:
    lines = _lines()
    cells = lines[2].split(",")
    cells[22] = "あ" * (size // 3)
    lines[2] = ",".join(cells)
    return "".join(lines).encode("utf-8")


def _wide_header(columns: int) -> bytes:
    text = jumin_text()
    head, _, rest = text.partition("\n")
    return (head + "".join(f",x{i}" for i in range(columns)) + "\n" + rest).encode()


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("jumin.csv", _utf8())
    return buf.getvalue()


def _header_only() -> bytes:
    return _lines()[0].encode()


def _nul_after_mib() -> bytes:
    lines = _lines()
    filler = lines[1]
    body = "".join(lines[1:]) * (2**20 // len("".join(lines[1:]).encode()) + 2)
    return (lines[0] + body + filler.replace("　", "\x00", 1)).encode()


# id → (variant, exit codes of validate, fast in the default run)
VARIANTS: dict[str, tuple[Variant, frozenset[int], bool]] = {
    "cp932": (lambda: jumin_text().encode("cp932"), FAIL, True),
    "euc-jp": (lambda: jumin_text().encode("euc_jp"), ANY, False),
    "utf16-bom": (lambda: jumin_text().encode("utf-16"), FAIL, True),
    "utf16le-no-bom": (lambda: jumin_text().encode("utf-16-le"), FAIL, False),
    "bom-mid-file": (lambda: _at_record(3, before="\ufeff".encode()), FAIL, True),
    "overlong-utf8": (lambda: _at_record(2, inside=b"\xc0\xaf"), FAIL, False),
    "surrogate-utf8": (lambda: _at_record(2, inside=b"\xed\xa0\x80"), FAIL, False),
    "nul-in-field": (lambda: _at_record(2, inside=b"\x00"), FAIL, True),
    "nul-after-first-mib": (_nul_after_mib, FAIL, False),
    "c0-bell": (lambda: _at_record(2, inside=b"\x07"), FAIL, False),
    "c1-nel": (lambda: _at_record(2, inside="\x85".encode()), FAIL, False),
    "bidi-override": (lambda: _at_record(2, inside="\u202e".encode()), FAIL, False),
    "escape-sequence": (lambda: _at_record(2, inside=b"\x1b[31m"), FAIL, False),
    "cr-only": (lambda: _endings("\r"), ANY, False),
    "mixed-endings": (_mixed, ANY, False),
    "quote-after-space": (lambda: _quote(2, ' "山田 太郎"'), FAIL, True),
    "space-after-quote": (lambda: _quote(2, '"山田 太郎" '), FAIL, False),
    "stray-quote": (lambda: _quote(2, '12"monitor'), FAIL, False),
    "bare-quote-comma": (lambda: _quote(2, ' "Trust me, I am"'), FAIL, False),
    "unclosed-quote": (lambda: _quote(len(_lines()) - 1, '"never closed'), FAIL, False),
    "empty": (lambda: b"", FAIL, True),
    "bom-only": (lambda: b"\xef\xbb\xbf", FAIL, False),
    "blank-lines": (lambda: b"\n\n\n", FAIL, False),
    "header-only": (_header_only, ANY, False),
    "truncated-multibyte": (lambda: _utf8()[:-1] + "あ".encode()[:2], FAIL, True),
    "pua": (lambda: _at_record(2, inside="\ue000".encode()), ANY, False),
    "ivs": (lambda: _at_record(2, inside="葛\U000e0100".encode()), ANY, False),
    "emoji": (lambda: _at_record(2, inside="😀".encode()), ANY, False),
    "gzip-as-csv": (lambda: gzip.compress(_utf8()), FAIL, True),
    "zip-as-csv": (_zip, FAIL, False),
    "random-binary": (lambda: bytes(range(256)) * 64, FAIL, False),
    "dos-eof-marker": (lambda: _utf8() + b"\x1a", FAIL, False),
    "duplicate-header": (lambda: jumin_text().replace("宛名番号", "氏名", 1).encode(), FAIL, False),
    "internal-names": (lambda: jumin_text().replace("宛名番号", "__c1", 1).encode(), FAIL, False),
    "too-many-fields": (lambda: _quote(2, "a,b,c"), FAIL, False),
    "too-few-fields": (lambda: b"".join([_header_only(), b"1,2,3\n"]), FAIL, False),
    "delimiters-only": (lambda: _header_only() + b"," * 60 + b"\n", FAIL, False),
    "long-line-no-newline": (lambda: _header_only() + b"x" * 2**20, FAIL, False),
    "tab-delimited": (lambda: jumin_text().replace(",", "\t").encode(), FAIL, False),
}
# Variants in another encoding than UTF-8 that validate's guess reads right.
GUESSED = {"cp932", "euc-jp", "utf16-bom"}
# Variants also validated with a declared encoding (UTF-8) and a JSON report.
DECLARED = {
    "cp932",
    "euc-jp",
    "utf16-bom",
    "utf16le-no-bom",
    "overlong-utf8",
    "surrogate-utf8",
    "truncated-multibyte",
    "nul-in-field",
    "gzip-as-csv",
}
# Variants whose one line is longer than the 2 GiB address-space limit allows polars to read.
LONG_LINE = {"field-50mb"}
SLOW_VARIANTS: dict[str, tuple[Variant, frozenset[int], bool]] = {
    "field-50mb": (lambda: _big_field(50 * 2**20), FAIL, False),
    "header-100k-columns": (lambda: _wide_header(100_000), FAIL, False),
}


def _validate(variant: Variant) -> Callable[[Path], list[str]]:
    def build(tmp: Path) -> list[str]:
        path = write(tmp, "jumin.csv", variant())
        return ["validate", "--layout", "juki", "--file", "jumin", str(path)]

    return build


def _validate_utf8(variant: Variant) -> Callable[[Path], list[str]]:
    def build(tmp: Path) -> list[str]:
        path = write(tmp, "jumin.csv", variant())
        return [
            "validate",
            "--layout",
            "juki",
            "--encoding",
            "utf-8",
            "--format",
            "json",
            str(path),
        ]

    return build


def _convert(variant: Variant) -> Callable[[Path], list[str]]:
    def build(tmp: Path) -> list[str]:
        path = write(tmp, "jumin.csv", variant())
        mapping = identity_mapping(tmp)
        return ["convert", str(path), "-m", str(mapping), "-o", str(tmp / "out")]

    return build


def _draft(variant: Variant) -> Callable[[Path], list[str]]:
    def build(tmp: Path) -> list[str]:
        path = write(tmp, "jumin.csv", variant())
        return ["mapping", "draft", "--layout", "juki", str(path)]

    return build


def data_cases() -> Iterator[Case]:
    """validate (guessed and declared encoding), convert and mapping draft per variant."""
    for group, fast_ok in ((VARIANTS, True), (SLOW_VARIANTS, False)):
        for name, (variant, expect, fast) in group.items():
            # Not yet bounded to 2 GiB of address space: polars' line reader asks for ~16
            # times the longest line at once (resident memory stays near 600 MB).
            # docs/hostile-input.md, "Resource limits, measured".
            memory = 4 * 2**30 if name in LONG_LINE else MEMORY
            guessed = ANY if name in GUESSED else expect  # read right by the encoding guess
            yield Case(
                f"validate-{name}", _validate(variant), guessed, fast and fast_ok, memory=memory
            )
            if name in DECLARED:
                yield Case(f"validate-utf8-json-{name}", _validate_utf8(variant), expect)
            fast_convert = fast and fast_ok and name in {"bom-mid-file", "quote-after-space"}
            yield Case(
                f"convert-{name}",
                _convert(variant),
                expect | {1},
                fast_convert,
                memory=memory,
            )
            yield Case(f"draft-{name}", _draft(variant), ANY, memory=memory)
