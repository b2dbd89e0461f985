"""What is not a regular file, where outputs go, and invalid option values, per command."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.hostile.cases_workbook import base
from tests.hostile.corpus import ANY, Case, identity_mapping, jumin_text, write

# What stands where a file is expected: each builder returns its path inside ``tmp``.
Special = Callable[[Path, str], Path]


def _directory(tmp: Path, name: str) -> Path:
    path = tmp / name
    path.mkdir()
    return path


def _fifo(tmp: Path, name: str) -> Path:
    path = tmp / name
    os.mkfifo(path)
    return path


def _dev_zero(tmp: Path, name: str) -> Path:
    path = tmp / name
    path.symlink_to("/dev/zero")
    return path


def _loop(tmp: Path, name: str) -> Path:
    path = tmp / name
    path.symlink_to(path.name)
    return path


def _missing(tmp: Path, name: str) -> Path:
    return tmp / name


def _unreadable(tmp: Path, name: str) -> Path:
    """A file without read permission. The tests run as root here, and root reads it anyway,
    so this case can only assert the rest of the contract (no traceback, one line)."""
    path = write(tmp, name, jumin_text())
    path.chmod(0)
    return path


SPECIALS: dict[str, Special] = {
    "directory": _directory,
    "fifo": _fifo,
    "dev-zero": _dev_zero,
    "symlink-loop": _loop,
    "missing": _missing,
    "unreadable": _unreadable,
}


def _commands(special: Special) -> dict[str, Callable[[Path], list[str]]]:
    """Each command given ``special`` where it expects a file of its own."""

    def data(cmd: str) -> Callable[[Path], list[str]]:
        def build(tmp: Path) -> list[str]:
            path = special(tmp, "jumin.csv")
            if cmd == "validate":
                return ["validate", "--layout", "juki", str(path)]
            if cmd == "convert":
                return ["convert", str(path), "-m", str(identity_mapping(tmp)), "-o", "out"]
            return ["mapping", "draft", "--layout", "juki", str(path)]

        return build

    def declared(args: list[str], name: str) -> Callable[[Path], list[str]]:
        def build(tmp: Path) -> list[str]:
            path = special(tmp, name)
            write(tmp, "jumin.csv", jumin_text())
            return [a.replace("{}", str(path)) for a in args]

        return build

    def code_map(tmp: Path) -> list[str]:
        mapping = identity_mapping(tmp)
        special(tmp, "codes.csv")
        doc = mapping.read_text(encoding="utf-8").replace(
            "  seibetsu:\n    from: 性別\n",
            "  seibetsu:\n    from: 性別\n    transforms:\n    - {name: code_map, map: m}\n",
        )
        write(tmp, "m.yaml", doc + "code_maps:\n  m: {file: codes.csv}\n")
        return ["mapping", "check", "m.yaml"]

    return {
        "validate": data("validate"),
        "convert": data("convert"),
        "draft": data("draft"),
        "layouts-check": declared(["layouts", "check", "{}"], "layout.yaml"),
        "validate-layout": declared(["validate", "--layout", "{}", "jumin.csv"], "layout.yaml"),
        "mapping-check": declared(["mapping", "check", "{}"], "m.yaml"),
        "convert-mapping": declared(["convert", "jumin.csv", "-m", "{}", "-o", "out"], "m.yaml"),
        "import": declared(["layouts", "import", "--id", "x", "{}", "-o", "x.yaml"], "b.xlsx"),
        "diff": declared(["layouts", "diff", "juki", "{}"], "layout.yaml"),
        "export": declared(["layouts", "export", "--to", "xsd", "{}"], "layout.yaml"),
        "code-map": code_map,
    }


def _convert_out(
    out: str, prepare: Callable[[Path], None] | None = None
) -> Callable[[Path], list[str]]:
    def build(tmp: Path) -> list[str]:
        data = write(tmp, "jumin.csv", jumin_text())
        mapping = identity_mapping(tmp)
        if prepare is not None:
            prepare(tmp)
        return ["convert", str(data), "-m", str(mapping), "-o", out]

    return build


OUTPUTS: dict[str, Callable[[Path], list[str]]] = {
    "convert-out-is-a-file": _convert_out("taken", lambda t: write(t, "taken", "x").touch()),
    "convert-out-inside-the-input": _convert_out("jumin.csv/out"),
    "convert-out-over-the-input": _convert_out("."),
    "convert-out-unwritable-root": _convert_out("/proc/migrate-out"),
    "validate-output-is-a-directory": lambda t: [
        "validate", "--layout", "juki", str(write(t, "jumin.csv", jumin_text())), "-o", str(t)
    ],
    "validate-output-in-missing-folder": lambda t: [
        "validate", "--layout", "juki", str(write(t, "jumin.csv", jumin_text())),
        "-o", str(t / "no" / "such" / "r.txt"),
    ],
    "sample-out-is-a-file": lambda t: ["sample", "juki", "-o", str(write(t, "f", "x"))],
    "import-output-is-a-directory": lambda t: [
        "layouts", "import", "--id", "x", str(write(t, "b.xlsx", base())), "-o", str(t)
    ],
}  # fmt: skip


def _data(tmp: Path) -> str:
    return str(write(tmp, "jumin.csv", jumin_text()))


def _validate(*opts: str) -> Callable[[Path], list[str]]:
    return lambda t: ["validate", "--layout", "juki", *opts, _data(t)]


def _convert(*opts: str) -> Callable[[Path], list[str]]:
    return lambda t: ["convert", _data(t), "-m", str(identity_mapping(t)), *opts]


def _draft(*opts: str) -> Callable[[Path], list[str]]:
    return lambda t: ["mapping", "draft", "--layout", "juki", *opts, _data(t)]


def _sample(*opts: str) -> Callable[[Path], list[str]]:
    return lambda t: ["sample", "juki", "-o", str(t / "s"), *opts]


def _import(*opts: str) -> Callable[[Path], list[str]]:
    return lambda t: ["layouts", "import", str(write(t, "b.xlsx", base())), *opts]


OPTIONS: dict[str, Callable[[Path], list[str]]] = {
    "validate-layout-unknown": _validate("--layout", "nowhere"),
    "validate-file-unknown": _validate("--file", "nowhere"),
    "validate-encoding-unknown": _validate("--encoding", "klingon"),
    "validate-encoding-ebcdic-on-csv": _validate("--encoding", "cp037"),
    "validate-delimiter-two-chars": _validate("--delimiter", "::"),
    "validate-delimiter-empty": _validate("--delimiter", ""),
    "validate-delimiter-newline": _validate("--delimiter", "\n"),
    "validate-delimiter-quote": _validate("--delimiter", '"'),
    "validate-format-unknown": _validate("--format", "xml"),
    "validate-max-errors-negative": _validate("--max-errors", "-1"),
    "validate-max-errors-text": _validate("--max-errors", "many"),
    "validate-max-errors-huge": _validate("--max-errors", "9" * 40),
    "validate-fail-on-unknown": _validate("--fail-on", "never"),
    "validate-lang-unknown": _validate("--lang", "fr"),
    "validate-unknown-option": _validate("--frobnicate"),
    "convert-mapping-missing": lambda t: ["convert", _data(t), "-m", "nowhere.yaml"],
    "convert-no-mapping": lambda t: ["convert", _data(t)],
    "convert-format-unknown": _convert("--format", "pdf"),
    "convert-max-errors-negative": _convert("--max-errors", "-5"),
    "convert-lang-unknown": _convert("--lang", "xx"),
    "convert-same-mapping-twice": lambda t: [
        "convert",
        _data(t),
        "-m",
        str(identity_mapping(t)),
        "-m",
        str(identity_mapping(t)),
        "-o",
        "out",
    ],
    "draft-encoding-unknown": _draft("--encoding", "x-unknown"),
    "draft-delimiter-two-chars": _draft("--delimiter", "ab"),
    "draft-rows-zero": _draft("--rows", "0"),
    "draft-rows-text": _draft("--rows", "all"),
    "draft-file-unknown": _draft("--file", "nowhere"),
    "draft-layout-unknown": lambda t: ["mapping", "draft", "--layout", "nowhere", _data(t)],
    "sample-rows-zero": _sample("--rows", "0"),
    "sample-seed-text": _sample("--seed", "abc"),
    "sample-encoding-unknown": _sample("--encoding", "latin1"),
    "sample-defects-above-one": _sample("--defects", "2"),
    "sample-defects-nan": _sample("--defects", "nan"),
    "sample-file-unknown": _sample("--file", "nowhere"),
    "sample-layout-unknown": lambda t: ["sample", "nowhere", "-o", str(t / "s")],
    "export-to-unknown": lambda t: ["layouts", "export", "--to", "pdf", "juki"],
    "export-file-unknown": lambda t: ["layouts", "export", "--to", "xsd", "--file", "x", "juki"],
    "export-layout-unknown": lambda t: ["layouts", "export", "--to", "xsd", "nowhere"],
    "diff-format-unknown": lambda t: ["layouts", "diff", "--format", "xml", "juki", "juki"],
    "diff-layout-unknown": lambda t: ["layouts", "diff", "juki", "nowhere"],
    "show-layout-unknown": lambda t: ["layouts", "show", "nowhere"],
    "check-layout-unknown": lambda t: ["layouts", "check", "nowhere"],
    "import-id-bad": _import("--id", "BAD ID!", "-o", "x.yaml"),
    "import-id-missing": _import("-o", "x.yaml"),
    "import-gyomu-zero": _import("--id", "x", "--gyomu-no", "0", "-o", "x.yaml"),
    "import-length-unit-unknown": _import("--id", "x", "--length-unit", "bytes:ebcdic"),
    "import-kind-unknown": _import("--id", "x", "--kind", "xls"),
    "import-family-unknown": _import("--id", "x", "--family", "other"),
    "unknown-command": lambda t: ["frobnicate"],
}


def cli_cases() -> Iterator[Case]:
    """Special files per command, output places, and invalid option values."""
    fast = {("fifo", "validate"), ("dev-zero", "convert"), ("fifo", "layouts-check")}
    for kind, special in SPECIALS.items():
        for cmd, build in _commands(special).items():
            expect = ANY if kind == "unreadable" else frozenset({1, 2})
            if kind == "directory" and cmd == "validate":
                expect = frozenset({1, 2})  # a directory is a package: here, one without files
            yield Case(f"{kind}-as-{cmd}", build, expect, (kind, cmd) in fast)
    for name, build in OUTPUTS.items():
        expect = ANY if name == "validate-output-in-missing-folder" else frozenset({2})
        yield Case(name, build, expect, name == "convert-out-over-the-input")
    for name, build in OPTIONS.items():
        yield Case(f"option-{name}", build, frozenset({2}), name == "validate-delimiter-empty")
