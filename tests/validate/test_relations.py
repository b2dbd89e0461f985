"""Rules over sets of records, written once: structure of records, duplicate keys, references."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from migrate.io.delimited import REC, Dialect
from migrate.io.record_index import RecordIndex
from migrate.layout.model import Reference
from migrate.validate.emit import VALUE
from migrate.validate.relations import irregular_data, orphans, structure_rules


def test_structure_rules_flag_blank_short_and_long_records(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("a,b,c\n1,2,3\n\n4,5\n6,7,8,9\n10,11,12\n", encoding="utf-8")
    index = RecordIndex.build(path, Dialect(delimiter=",", quote='"', header=True), 3)
    data = irregular_data(index)
    found = {r.code: data.filter(r.fails)[REC].to_list() for r in structure_rules(3)}
    assert found == {"ST09": [], "ST06": [2], "ST04": [3], "ST05": [4]}
    assert all(r.alone for r in structure_rules(3))
    (st04,) = [r for r in structure_rules(3) if r.code == "ST04"]
    assert st04.note is not None
    assert data.filter(st04.fails).select(st04.note).item() == "expected 3, found 2"


def test_a_badly_quoted_record_is_st09_alone_not_a_field_count(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text('a,b,c\n1,2,3\n"ab" ,x\n4,12"monitor,6,7\n', encoding="utf-8")
    index = RecordIndex.build(path, Dialect(delimiter=",", quote='"', header=True), 3, tmp_path)
    data = irregular_data(index)
    found = {r.code: data.filter(r.fails)[REC].to_list() for r in structure_rules(3)}
    assert found == {"ST09": [2, 3], "ST06": [], "ST04": [], "ST05": []}


def test_orphans_are_complete_references_missing_from_the_target() -> None:
    source = pl.LazyFrame(
        {REC: [1, 2, 3, 4], "setai": ["1", "9", "", None], "kind": ["a", "b", "c", "d"]}
    )
    target = pl.LazyFrame({"no": ["1", "2"]})
    ref = Reference(fields=("setai",), file="setai", target_fields=("no",))
    found = orphans(source, ref, target, [REC, "kind"])
    assert found.to_dicts() == [{REC: 2, "kind": "b", VALUE: "9"}]
