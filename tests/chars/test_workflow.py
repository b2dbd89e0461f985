"""chars → fill the worklist → convert with char_map → chars again: nothing left to decide.

The sample is samples/juki/valid (synthetic) with 外字 planted in 氏名 and 住所 of 住民.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import jsonschema
import yaml

from migrate.layout.catalog import resolve
from tests.conftest import ROOT, SAMPLES, invoke

PLANTED = {  # record → (item, old text, new text)
    1: [("氏名", "山田　太郎", "髙田　\ue000郎")],
    2: [("住所", "霞が関一丁目１番１号", "霞が関一丁目１～２番\U000e0100号")],
    3: [("氏名", "山田　一郎", "山田　\ue000郎"), ("方書", "", "∑ビル")],
}
DECIDE = {"髙": "高", "\ue000": "U+5409", "～": "〜", "\u2211": "Σ"}


def plant(tmp_path: Path) -> Path:
    pkg = tmp_path / "pkg"
    shutil.copytree(SAMPLES / "valid", pkg)
    path = pkg / "jumin.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    for record, changes in PLANTED.items():
        for item, old, new in changes:
            col = header.index(item)
            assert old in rows[record][col] or not old
            rows[record][col] = rows[record][col].replace(old, new) if old else new
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return pkg


def read_worklist(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def identity_mapping(folder: Path, table: str) -> Path:
    """jumin → jumin, every item from its own column; char_map on every text item."""
    spec = resolve("juki").file("jumin")
    items: dict[str, object] = {}
    for it in spec.items:
        entry: dict[str, object] = {"from": it.name}
        if it.type.value == "text":
            entry["transforms"] = [{"name": "char_map", "table": table}]
        items[it.id] = entry
    doc = {
        "format_version": 1,
        "target": {"layout": "juki", "file": "jumin"},
        "source": {"form": "delimited", "encoding": "utf-8", "delimiter": ",", "header": True},
        "items": items,
    }
    path = folder / "jumin.mapping.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_chars_lists_every_planted_character_with_count_and_locations(tmp_path: Path) -> None:
    pkg = plant(tmp_path)
    out = tmp_path / "w.json"
    invoke(["chars", str(pkg), "--layout", "juki", "--format", "json", "-o", str(out)], 1)
    doc = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "docs/schemas/chars.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc)
    got = {e["char"]: e for e in doc["entries"]}
    assert set(got) == {"髙", "\ue000", "～", "番\U000e0100", "∑"}
    jumin = str(pkg / "jumin.csv")
    assert got["\ue000"]["count"] == 2
    assert got["\ue000"]["class"] == "pua"
    assert got["\ue000"]["items"] == ["氏名"]
    assert got["\ue000"]["locations"] == [
        {"file": jumin, "line": 2, "record": 1, "item": "氏名"},
        {"file": jumin, "line": 4, "record": 3, "item": "氏名"},
    ]
    assert got["番\U000e0100"]["code_points"] == "U+756A U+E0100"
    assert got["番\U000e0100"]["class"] == "ivs"
    assert got["～"]["candidates"][0]["text"] == "〜"
    assert got["∑"]["items"] == ["方書"] and got["∑"]["locations"][0]["line"] == 4
    assert doc["summary"] == {
        "entries": 5,
        "undecided": 5,
        "allowed": 0,
        "decided": 0,
        "occurrences": 6,
    }
    text = json.dumps(doc, ensure_ascii=False)
    assert "山田" not in text and "霞が関" not in text  # characters, never values


def test_the_filled_worklist_converts_them_and_nothing_is_left(tmp_path: Path) -> None:
    pkg = plant(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    wl = work / "worklist.csv"
    invoke(["chars", str(pkg), "--layout", "juki", "--format", "csv", "-o", str(wl)], 1)
    rows = read_worklist(wl)
    assert all(r["同定結果"] == "" for r in rows)
    for r in rows:  # what a person writes in Excel: a character, a code point, or 保持
        r["同定結果"] = DECIDE.get(r["文字"], "保持")
    with open(wl, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    mapping = identity_mapping(work, "worklist.csv")
    out = tmp_path / "out"
    invoke(["convert", str(pkg / "jumin.csv"), "-m", str(mapping), "-o", str(out)], 0)
    with open(out / "jumin.csv", encoding="utf-8", newline="") as fh:
        converted = list(csv.DictReader(fh))
    assert converted[0]["氏名"] == "高田　吉郎"
    assert converted[2]["氏名"] == "山田　吉郎"
    assert converted[2]["方書"] == "Σビル"
    assert converted[1]["住所"].endswith("霞が関一丁目１〜２番\U000e0100号")  # IVS kept
    log = json.loads((out / "conversion-log.json").read_text(encoding="utf-8"))
    shimei = next(i for t in log["targets"] for i in t["items"] if i["item"] == "shimei")
    assert shimei["transforms"] == [
        {"step": 1, "transform": "char_map", "values": 9, "changed": 2, "unconverted": 0}
    ]
    # chars on the output: only the kept IVS remains, and the worklist says it is decided
    invoke(["chars", str(out), "--layout", "juki"], 1)
    result = invoke(["chars", str(out), "--layout", "juki", "--decided", str(wl)], 0)
    assert "0 to decide" in result.output and "1 decided" in result.output


def test_undecided_characters_stay_and_are_counted(tmp_path: Path) -> None:
    pkg = plant(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    wl = work / "worklist.csv"
    invoke(["chars", str(pkg), "--layout", "juki", "--format", "csv", "-o", str(wl)], 1)
    mapping = identity_mapping(work, "worklist.csv")  # nothing filled in
    out = tmp_path / "out"
    invoke(["convert", str(pkg / "jumin.csv"), "-m", str(mapping), "-o", str(out)], 0)
    log = json.loads((out / "conversion-log.json").read_text(encoding="utf-8"))
    counted = {
        item["item"]: step
        for target in log["targets"]
        for item in target["items"]
        for step in item["transforms"]
        if step["transform"] == "char_map"
    }
    assert (counted["shimei"]["values"], counted["shimei"]["unconverted"]) == (9, 2)
    assert counted["shimei"]["changed"] == 0
    assert counted["jusho"]["unconverted"] == 1
    with open(out / "jumin.csv", encoding="utf-8", newline="") as fh:
        assert next(csv.DictReader(fh))["氏名"] == "髙田　\ue000郎"
    invoke(["chars", str(out), "--layout", "juki", "--decided", str(wl)], 1)


def test_the_shipped_gaiji_sample_agrees_with_validate(tmp_path: Path) -> None:
    """samples/juki/defective/gaiji.csv plants three 外字; chars lists each where validate's
    golden report finds it (VA04/VA05/VA06: same line, record and item)."""
    sample = SAMPLES / "defective" / "gaiji.csv"
    out = tmp_path / "w.json"
    invoke(["chars", str(sample), "--layout", "juki", "--format", "json", "-o", str(out)], 1)
    listed = {
        (loc["line"], loc["record"], loc["item"], e["count"])
        for e in json.loads(out.read_text(encoding="utf-8"))["entries"]
        for loc in e["locations"]
    }
    expected = json.loads((SAMPLES / "defective" / "gaiji.csv.expected.json").read_text("utf-8"))
    found = {
        (x["line"], x["record"], x["field"], 1)
        for f in expected["files"]
        for x in f["findings"]
        if x["code"] in {"VA04", "VA05", "VA06"}
    }
    assert listed == found and len(found) == 3
