"""The hostile-input corpus: every case is built into a fresh folder at test time.

A ``Case`` builds its files into ``tmp`` and returns the ``migrate`` arguments to run there.
``run_case`` runs the real CLI in a subprocess with a 2 GiB address-space limit and a 60 s
timeout, and ``check`` asserts the contract of docs/hostile-input.md: exit 1 with findings
or exit 2 with one clear line on standard error, no traceback, no internal error, and none
of the planted personal values in clear. Nothing here is a kept blob: each file is made by
the code below (or copied from the repository's synthetic samples and altered).
"""

from __future__ import annotations

import resource
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
JUMIN_CSV = ROOT / "samples" / "juki" / "valid" / "jumin.csv"
TIMEOUT = 60
MEMORY = 2 * 2**30

# Distinctive personal values planted in the data; no report may print them in clear.
PLANTED_NAME = "秘匿　花子"
PLANTED_MYNUMBER = "177777777774"
PERSONAL = ("秘匿", PLANTED_MYNUMBER)

FAIL = frozenset({1, 2})
ANY = frozenset({0, 1, 2})


@dataclass(frozen=True)
class Case:
    """One hostile input and the command that meets it.

    ``expect``: the exit codes allowed (0 only where the input is benign for that command);
    ``fast``: part of the default run (the rest run with ``-m slow``); ``memory``: the
    child's address-space limit (2 GiB but for the cases docs/hostile-input.md lists);
    ``open_issue``: why the case does not hold yet (run as a strict xfail, never a pass).
    """

    id: str
    build: Callable[[Path], list[str]]
    expect: frozenset[int] = FAIL
    fast: bool = False
    personal: tuple[str, ...] = field(default=PERSONAL)
    memory: int = MEMORY
    open_issue: str = ""


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


def _limits(memory: int) -> Callable[[], None]:
    def apply() -> None:  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return apply


def run_case(case: Case, tmp: Path) -> Outcome:
    """Build ``case`` in ``tmp`` and run ``python -m migrate`` on it there."""
    args = case.build(tmp)
    proc = subprocess.run(
        [sys.executable, "-m", "migrate", *args],
        cwd=tmp,
        capture_output=True,
        timeout=TIMEOUT,
        preexec_fn=_limits(case.memory),
        stdin=subprocess.DEVNULL,
        check=False,
    )
    return Outcome(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def check(case: Case, out: Outcome) -> None:
    """The contract every hostile input is held to."""
    said = f"exit {out.code}\nstdout: {out.stdout[-2000:]}\nstderr: {out.stderr[-2000:]}"
    assert out.code in case.expect, said
    assert "Traceback" not in out.stderr + out.stdout, said
    assert "internal error" not in out.stderr, said
    for value in case.personal:
        assert value not in out.stdout + out.stderr, f"{value!r} printed in clear\n{said}"
    if out.code == 2:
        lines = [line for line in out.stderr.splitlines() if line.strip()]
        reasons = [line for line in lines if line.startswith(("migrate: ", "Error: "))]
        assert len(reasons) == 1, said
    if out.code == 1:
        assert (out.stdout + out.stderr).strip(), said


# Files every family builds on -------------------------------------------------------


def jumin_text() -> str:
    """The synthetic 住民 sample with a planted name and 個人番号 in its first record."""
    text = JUMIN_CSV.read_text(encoding="utf-8")
    return text.replace("山田　太郎", PLANTED_NAME, 1)


def write(tmp: Path, name: str, data: bytes | str) -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def identity_mapping(tmp: Path, encoding: str = "utf-8", name: str = "m.yaml") -> Path:
    """A mapping that reads the standard 住民 CSV as it is (column name → item)."""
    from migrate.layout.catalog import resolve

    spec = resolve("juki").file("jumin")
    doc = {
        "format_version": 1,
        "target": {"layout": "juki", "file": "jumin"},
        "source": {"form": "delimited", "encoding": encoding, "delimiter": ",", "header": True},
        "items": {it.id: {"from": it.name} for it in spec.items},
    }
    return write(tmp, name, yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


def cases(*groups: Iterable[Case]) -> list[Case]:
    """Every case of ``groups``; ids must be unique."""
    out = [c for g in groups for c in g]
    ids = [c.id for c in out]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    return out
