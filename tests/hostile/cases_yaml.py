"""Hostile layout and mapping files: YAML attacks, wrong types, sizes and escaping paths."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from tests.hostile.corpus import (
    ANY,
    FAIL,
    ROOT,
    Case,
    identity_mapping,
    jumin_text,
    write,
)

JUKI = ROOT / "layouts" / "chukan" / "juki.yaml"
LEGACY = ROOT / "samples" / "juki-legacy"


def _bomb(levels: int = 9) -> str:
    out = 'lol0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, levels + 1):
        out += f"lol{i}: &l{i} [{','.join([f'*l{i - 1}'] * 9)}]\n"
    return out


# id → YAML text put at the top of a layout or mapping document (before its own keys)
PREFIXES: dict[str, str] = {
    "alias-bomb": _bomb(),
    "many-aliases": "a: &a x\nb: [" + ",".join(["*a"] * 500) + "]\n",
    "deep-nesting": "deep: " + "[" * 50_000 + "]" * 50_000 + "\n",
    "deep-mapping": "deep: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n",
    "python-tag": 'evil: !!python/object/apply:os.system ["echo pwned"]\n',
    "python-name": "evil: !!python/name:os.system\n",
    "huge-int": "huge: " + "9" * 10_000 + "\n",
    "duplicate-top-key": "format_version: 1\nid: x\n",
    "binary-tag": "blob: !!binary " + "QUJD" * 10 + "\n",
    "tab-indent": "x:\n\t- 1\n",
    "undefined-alias": "x: *nowhere\n",
    "nul-byte": "x: \x00\n",
}


def _copy_codes(tmp: Path) -> None:
    write(tmp, "codes/juki_ido_jiyu.csv", (ROOT / "layouts/codes/juki_ido_jiyu.csv").read_bytes())


def _prefixed_layout(prefix: str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        text = JUKI.read_text(encoding="utf-8").replace("../codes/", "codes/")
        write(
            tmp,
            "codes/juki_ido_jiyu.csv",
            (ROOT / "layouts/codes/juki_ido_jiyu.csv").read_text("utf-8"),
        )
        return write(tmp, "layout.yaml", prefix + text)

    return build


def _prefixed_mapping(prefix: str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = identity_mapping(tmp)
        return write(tmp, "m.yaml", prefix + path.read_text(encoding="utf-8"))

    return build


def _layout_edit(old: str, new: str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        text = JUKI.read_text(encoding="utf-8").replace("../codes/", "codes/")
        write(
            tmp,
            "codes/juki_ido_jiyu.csv",
            (ROOT / "layouts/codes/juki_ido_jiyu.csv").read_text("utf-8"),
        )
        assert old in text, old
        return write(tmp, "layout.yaml", text.replace(old, new, 1))

    return build


def _code_file(data: bytes, where: str = "codes/juki_ido_jiyu.csv") -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        text = JUKI.read_text(encoding="utf-8").replace("../codes/", "codes/")
        write(tmp, where, data)
        return write(tmp, "layout.yaml", text)

    return build


LAYOUT_EDITS: dict[str, Callable[[Path], Path]] = {
    "duplicate-item-key": _layout_edit("  - id: jumin\n", "  - id: jumin\n    id: jumin2\n"),
    "era-table-not-eras": _layout_edit('"05": 令和}', '"05": 男}'),
    "length-huge": _layout_edit("length: 15", "length: 100000000000000000000"),
    "length-float": _layout_edit("length: 15", "length: 1.0e400"),
    "length-string": _layout_edit("length: 15", "length: '15'"),
    "code-path-escapes": _layout_edit("codes/juki_ido_jiyu.csv", "../../../../etc/passwd"),
    "code-path-absolute": _layout_edit("codes/juki_ido_jiyu.csv", "/etc/passwd"),
    "code-path-dev-zero": _layout_edit("codes/juki_ido_jiyu.csv", "codes/zero.csv"),
    "code-table-binary": _code_file(bytes(range(256)) * 100),
    "code-table-not-utf8": _code_file("code,name\n01,転入\n".encode("cp932")),
    "code-table-repeated": _code_file(b"code,name\n01,a\n01,b\n"),
    "code-table-empty": _code_file(b""),
    "code-table-200k-codes": _code_file(
        (ROOT / "layouts/codes/juki_ido_jiyu.csv").read_bytes()
        + b"".join(b"9%07d,x\n" % i for i in range(200_000))
    ),
    "code-table-200k-repeated": _code_file(b"code,name\n" + b"01,x\n" * 200_000),
}


def _with_zero_device(build: Callable[[Path], Path]) -> Callable[[Path], Path]:
    def wrapped(tmp: Path) -> Path:
        path = build(tmp)
        zero = tmp / "codes" / "zero.csv"
        zero.unlink(missing_ok=True)
        zero.symlink_to("/dev/zero")
        return path

    return wrapped


LAYOUT_EDITS["code-path-dev-zero"] = _with_zero_device(LAYOUT_EDITS["code-path-dev-zero"])


def _mapping_edit(edit: Callable[[dict[str, object]], None]) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = identity_mapping(tmp)
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(doc)
        return write(tmp, "m.yaml", yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))

    return build


def _steps(*steps: dict[str, object], item: str = "shimei") -> Callable[[dict[str, object]], None]:
    def edit(doc: dict[str, object]) -> None:
        doc["items"][item]["transforms"] = list(steps)  # type: ignore[index]

    return edit


def _code_map(file: str, data: bytes | None = None) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = _mapping_edit(_steps({"name": "code_map", "map": "m"}, item="seibetsu"))(tmp)
        text = path.read_text(encoding="utf-8") + f"code_maps:\n  m: {{file: {file!r}}}\n"
        if data is not None:
            write(tmp, file, data)
        return write(tmp, "m.yaml", text)

    return build


MAPPING_EDITS: dict[str, Callable[[Path], Path]] = {
    "trim-chars-int": _mapping_edit(_steps({"name": "trim", "chars": 5})),
    "wareki-codes-text": _mapping_edit(_steps({"name": "wareki_to_iso", "codes": "x"})),
    "join-separator-int": _mapping_edit(_steps({"name": "trim"}, {"name": "join", "separator": 1})),
    "pad-width-1e8": _mapping_edit(_steps({"name": "pad", "width": 10**8})),
    "pad-width-1e30": _mapping_edit(_steps({"name": "pad", "width": 10**30})),
    "pad-width-float": _mapping_edit(_steps({"name": "pad", "width": 1e30})),
    "pad-char-long": _mapping_edit(_steps({"name": "pad", "width": 3, "char": "ab"})),
    "date-format-unknown": _mapping_edit(_steps({"name": "date_format", "to": "DD/MM/YYYY"})),
    "split-parts-huge": _mapping_edit(_steps({"name": "split", "parts": 100_000})),
    "unknown-transform": _mapping_edit(_steps({"name": "rot13"})),
    "unknown-parameter": _mapping_edit(_steps({"name": "trim", "regex": ".*"})),
    "chained-2000": _mapping_edit(_steps(*[{"name": "trim"}] * 2000)),
    "wareki-era-table-bogus": _mapping_edit(_steps({"name": "wareki_to_iso", "codes": {"1": "X"}})),
    "bool-as-text": _mapping_edit(_steps({"name": "kana_h2z", "rare": "yes"})),
    "unmapped-policy-bogus": _code_map("codes.csv", b"from,to\n1,1\n"),
    "code-map-repeated-from": _code_map("codes.csv", b"from,to\n1,1\n1,2\n"),
    "code-map-escapes": _code_map("../../../../etc/passwd"),
    "code-map-binary": _code_map("codes.csv", bytes(range(256)) * 50),
    "code-map-missing": _code_map("nowhere.csv"),
    "target-layout-missing": _mapping_edit(lambda d: d["target"].update(layout="nowhere")),  # type: ignore[attr-defined]
    "target-file-missing": _mapping_edit(lambda d: d["target"].update(file="nowhere")),  # type: ignore[attr-defined]
    "from-unknown-column": _mapping_edit(lambda d: d["items"]["shimei"].update({"from": "無い列"})),  # type: ignore[index]
    "bytes-out-of-record": _mapping_edit(
        lambda d: d.update(
            source={"form": "fixed-width", "encoding": "cp932", "record_length": 10},
            items={"atena_no": {"from": {"start": 5, "length": 100}}},
        )
    ),
    "format-version-9": _mapping_edit(lambda d: d.update(format_version=9)),
}
MAPPING_EDITS["unmapped-policy-bogus"] = _mapping_edit(
    lambda d: (
        _steps({"name": "code_map", "map": "m"}, item="seibetsu")(d),
        d.update(code_maps={"m": {"values": {"1": "1"}, "unmapped": "explode"}}),
    )
)


def _layouts_check(build: Callable[[Path], Path]) -> Callable[[Path], list[str]]:
    return lambda tmp: ["layouts", "check", str(build(tmp))]


def _validate_with(build: Callable[[Path], Path]) -> Callable[[Path], list[str]]:
    def run(tmp: Path) -> list[str]:
        data = write(tmp, "jumin.csv", jumin_text())
        return ["validate", "--layout", str(build(tmp)), "--file", "jumin", str(data)]

    return run


def _mapping_check(build: Callable[[Path], Path]) -> Callable[[Path], list[str]]:
    return lambda tmp: ["mapping", "check", str(build(tmp))]


def _convert_with(build: Callable[[Path], Path]) -> Callable[[Path], list[str]]:
    def run(tmp: Path) -> list[str]:
        data = write(tmp, "jumin.csv", jumin_text())
        return ["convert", str(data), "-m", str(build(tmp)), "-o", str(tmp / "out")]

    return run


def yaml_cases() -> Iterator[Case]:
    """Layout attacks through layouts check and validate; mapping attacks through mapping
    check and convert."""
    fast = {"alias-bomb", "deep-nesting", "python-tag", "duplicate-item-key", "pad-width-1e30"}
    zero_ok = {"code-table-200k-codes"}  # a big table is no fault
    for name, prefix in PREFIXES.items():
        layout, mapping = _prefixed_layout(prefix), _prefixed_mapping(prefix)
        yield Case(f"layouts-check-{name}", _layouts_check(layout), FAIL, name in fast)
        yield Case(f"validate-layout-{name}", _validate_with(layout))
        yield Case(f"mapping-check-{name}", _mapping_check(mapping))
        yield Case(f"convert-mapping-{name}", _convert_with(mapping))
    for name, build in LAYOUT_EDITS.items():
        expect = ANY if name in zero_ok else FAIL
        yield Case(f"layouts-check-{name}", _layouts_check(build), expect, name in fast)
        yield Case(f"validate-layout-{name}", _validate_with(build), expect)
    for name, build in MAPPING_EDITS.items():
        # mapping check cannot see the source's columns: only convert can find them missing
        expect = ANY if name == "from-unknown-column" else FAIL
        yield Case(f"mapping-check-{name}", _mapping_check(build), expect, name in fast)
        yield Case(f"convert-mapping-{name}", _convert_with(build))
