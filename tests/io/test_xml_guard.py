"""Hostile XML: every attack gives a located problem, never a traceback or memory growth.

Each attack runs the reader in a subprocess and reads its peak RSS (``resource.getrusage``),
which must stay under ``BOUND_MB`` (the issue's 200 MB) and near the baseline of a harmless
file. The files are generated here (the small ones are also in samples/xml/hostile/).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from migrate.io.xml_guard import MAX_DEPTH, read_prolog, sniff_xml
from tests.conftest import ROOT

HOSTILE = ROOT / "samples" / "xml" / "hostile"
BOUND_MB = 200
READ = (
    "import json, resource, sys, tempfile\n"
    "from pathlib import Path\n"
    "from migrate.io.xml_plan import XmlPlan, XmlRows, column, steps\n"
    "from migrate.io.xml_source import open_xml_source\n"
    "ns = {'': 'urn:x-migrate:sample:juki'}\n"
    "rows = XmlRows((), (column('name', '氏名', None, ns),))\n"
    "plan = XmlPlan(steps('/住民記録/住民', ns), {'jumin': rows})\n"
    "with tempfile.TemporaryDirectory() as work:\n"
    "    o = open_xml_source(Path(sys.argv[1]), plan, Path(work))\n"
    "    problems = [[p.kind, p.line, p.detail] for p in o.problems]\n"
    "    print(json.dumps({'problems': problems, 'rows': o.counts['jumin']}))\n"
)
# Linux keeps ru_maxrss across exec: a child forked from pytest would report pytest's size.
# A small launcher runs the reader as its own child and reports that child's peak.
LAUNCH = (
    "import json, resource, subprocess, sys\n"
    "out = subprocess.run([sys.executable, '-c', sys.argv[1], sys.argv[2]],"
    " capture_output=True, text=True)\n"
    "sys.stderr.write(out.stderr)\n"
    "result = json.loads(out.stdout) if out.returncode == 0 else {}\n"
    "result['mb'] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    "print(json.dumps(result))\n"
)
HEAD = '<?xml version="1.0"?>\n<住民記録 xmlns="urn:x-migrate:sample:juki">'
TAIL = "</住民記録>\n"


def _read(path: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", LAUNCH, READ, str(path)], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert "problems" in out.stdout, out.stderr
    result: dict[str, object] = json.loads(out.stdout)
    assert float(str(result["mb"])) < BOUND_MB, result
    return result


def _kinds(result: dict[str, object]) -> list[tuple[str, int | None]]:
    problems = result["problems"]
    assert isinstance(problems, list)
    return [(p[0], p[1]) for p in problems]


@pytest.mark.parametrize("name", ["billion_laughs.xml", "external_entity.xml", "external_dtd.xml"])
def test_a_dtd_is_refused_unread(name: str) -> None:
    result = _read(HOSTILE / name)
    assert _kinds(result) == [("dtd", 2)] and result["rows"] == 0


def test_quadratic_blowup_is_refused(tmp_path: Path) -> None:
    entity = "a" * 100_000
    body = "&big;" * 50_000  # 5 GB if expanded
    path = tmp_path / "quadratic.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE 住民記録 [<!ENTITY big "{entity}">]>\n'
        f'<住民記録 xmlns="urn:x-migrate:sample:juki"><住民><氏名>{body}</氏名></住民>{TAIL}',
        encoding="utf-8",
    )
    assert _kinds(_read(path)) == [("dtd", 2)]


def test_an_undefined_entity_is_not_well_formed() -> None:
    result = _read(HOSTILE / "undefined_entity.xml")
    assert _kinds(result) == [("malformed", 2)]
    assert "Entity 'lol9' not defined" in str(result["problems"])


def test_deep_nesting_stops_at_the_depth_limit(tmp_path: Path) -> None:
    path = tmp_path / "deep.xml"
    path.write_text(f"{HEAD}<住民>{'<a>' * 100_000}{'</a>' * 100_000}</住民>{TAIL}", "utf-8")
    result = _read(path)
    assert _kinds(result) == [("limit", 2)]
    assert f"deeper than {MAX_DEPTH}" in str(result["problems"])


def test_a_huge_text_stops_at_a_limit(tmp_path: Path) -> None:
    path = tmp_path / "text.xml"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(f"{HEAD}\n<住民><氏名>")
        for _ in range(24):
            fh.write("あ" * 1_000_000)  # 24 M characters, 72 MB
        fh.write(f"</氏名></住民>{TAIL}")
    result = _read(path)
    (kind,) = _kinds(result)
    assert kind[0] in {"limit", "malformed"}  # ours (1 MiB) or libxml2's own (10 MB)
    assert result["rows"] == 0


def test_a_record_without_end_stops_at_the_element_limit(tmp_path: Path) -> None:
    path = tmp_path / "wide.xml"
    path.write_text(f"{HEAD}\n<住民>{'<x/>' * 300_000}</住民>{TAIL}", "utf-8")
    result = _read(path)
    assert _kinds(result) == [("limit", 3)]
    assert "more than 100000 elements" in str(result["problems"])


def test_many_records_keep_memory_flat(tmp_path: Path) -> None:
    """The reader clears each record: 400,000 records need no more than a few."""
    small, large = tmp_path / "small.xml", tmp_path / "large.xml"
    record = "<住民><氏名>山田　太郎</氏名></住民>\n"
    small.write_text(HEAD + record * 1_000 + TAIL, "utf-8")
    large.write_text(HEAD + record * 400_000 + TAIL, "utf-8")
    base, big = _read(small), _read(large)
    assert big["rows"] == 400_000
    assert float(str(big["mb"])) - float(str(base["mb"])) < 60, (base, big)


def test_the_prolog_tells_encoding_dtd_and_xml() -> None:
    sjis = read_prolog(ROOT / "samples" / "xml" / "valid_sjis.xml")
    assert (sjis.declared, sjis.read_as, sjis.encoding) == ("Shift_JIS", "CP932", "cp932")
    assert read_prolog(HOSTILE / "external_dtd.xml").doctype_line == 2
    assert sniff_xml(ROOT / "samples" / "xml" / "valid.xml")
    assert not sniff_xml(ROOT / "samples" / "juki" / "valid" / "jumin.csv")


def test_a_prolog_without_a_root_element_is_too_long(tmp_path: Path) -> None:
    path = tmp_path / "comments.xml"
    path.write_text("<?xml version='1.0'?>\n<!--" + "x" * 70_000 + "-->", "utf-8")
    assert read_prolog(path).too_long
