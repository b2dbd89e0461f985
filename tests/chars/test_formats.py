"""The worklist model and its csv / json / text forms."""

from __future__ import annotations

import csv
import io
import json

from migrate.chars.formats import to_csv, to_json, to_text
from migrate.chars.worklist import COLUMNS, Candidate, Entry, Location, Status, Worklist
from migrate.japan.gaiji import CharClass


def sample() -> Worklist:
    wl = Worklist(layout="juki 0.1.0", sources=["a.csv"], notes=["a.csv: encoding guessed"])
    wl.entries = [
        Entry(
            "髙",
            CharClass.OUTSIDE_JISX0213,
            count=3,
            items=["氏名"],
            locations=[Location("a.csv", 1, 2, "氏名")],
            candidates=[Candidate("高", "shrink_map", "MJ999001")],
        ),
        Entry("\U000f0001", CharClass.PUA, count=1, items=["=cmd"], status=Status.ALLOWED),
        Entry("∑", CharClass.OUTSIDE_JISX0213, 1, ["住所"], status=Status.DECIDED, decision="Σ"),
    ]
    return wl


def test_rows_put_what_to_decide_first() -> None:
    rows = sample().to_rows()
    assert rows[0] == list(COLUMNS)
    assert rows[0][-1] == "同定結果" and rows[0][1] == "符号位置"
    assert [r[1] for r in rows[1:]] == ["U+9AD9", "U+F0001", "U+2211"]
    assert rows[1] == [
        "髙",
        "U+9AD9",
        "JIS X 0213外",
        "要同定",
        "3",
        "氏名",
        "a.csv:2行(レコード1, 氏名)",
        "高 U+9AD8 (shrink_map, MJ999001)",
        "",
    ]


def test_csv_has_a_bom_and_never_a_formula() -> None:
    text = to_csv(sample())
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[2][5] == "'=cmd"  # would be a formula in Excel
    assert rows[3][-1] == "Σ"


def test_json_and_text() -> None:
    doc = json.loads(to_json(sample()))
    assert doc["summary"] == {
        "entries": 3,
        "undecided": 1,
        "allowed": 1,
        "decided": 1,
        "occurrences": 5,
    }
    assert doc["entries"][0]["candidates"][0] == {
        "text": "高",
        "code_points": "U+9AD8",
        "source": "shrink_map",
        "note": "MJ999001",
    }
    assert doc["entries"][0]["status"] == "undecided"
    text = to_text(sample())
    assert "note: a.csv: encoding guessed" in text
    assert "… (first 1 locations shown)" in text
    assert text.rstrip().endswith("1 to decide, 1 allowed, 1 decided (5 occurrence(s))")


def test_json_satisfies_its_schema() -> None:
    import jsonschema

    from tests.conftest import ROOT

    schema = json.loads((ROOT / "docs/schemas/chars.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = json.loads(to_json(sample()))
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert doc["worklist_format"] == 1
