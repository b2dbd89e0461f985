"""The conversion pipeline end to end: outputs, rejects, reconciliation, log, reruns."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from migrate import codes
from migrate.convert import pipeline
from migrate.convert.outputs import count_csv_records
from migrate.convert.pipeline import ConvertOptions, convert
from migrate.convert.result import LOG_NAME, ConversionResult
from migrate.errors import UsageError
from migrate.layout.catalog import resolve
from migrate.mapping.loader import load_mapping
from migrate.validate.engine import Options, run
from tests.conftest import ROOT, SAMPLES

SETAI = [  # from samples/juki/valid/setai.csv: valid check digits
    ("0001007", "0000019", "山田　太郎", "東京都千代田区霞が関一丁目１番１号"),
    ("0002003", "0000043", "佐藤　次郎", "東京都千代田区丸の内二丁目３番４号"),
    ("0003000", "0000078", "鈴木　健", "東京都千代田区永田町三丁目５番"),
    ("0004006", "0000086", "ＳＭＩＴＨ　ＪＯＨＮ", "東京都千代田区神田一丁目２番３号"),
]


def m11(body: str) -> str:
    """A 宛名番号/世帯番号 with its modulus-11 check digit (as tools/make_samples.py)."""
    s = sum(int(d) * (2 + i % 6) for i, d in enumerate(reversed(body)))
    return body + ("0" if s % 11 <= 1 else str(11 - s % 11))


RECORD_LENGTH = 1 + 15 + 15 + 20 + 60 + 7 + 7


def field(text: str, width: int, fill: str = " ") -> bytes:
    """CP932 bytes of ``text`` padded to ``width`` bytes (全角 padding where it fits)."""
    data = text.encode("cp932")
    while fill == "\u3000" and len(data) + 2 <= width:
        data += fill.encode("cp932")
    return data.ljust(width, b" ")


def setai_record(
    setai: str, nushi: str, name: str, address: str, date: str = "4220401", kind: str = "2"
) -> bytes:
    return (
        kind.encode()
        + field(setai, 15)
        + field(nushi, 15)
        + field(name, 20, "\u3000")
        + field(address, 60, "\u3000")
        + b"1000013"
        + date.encode()
    )


def setai_mapping(path: Path, **changes: Any) -> Path:
    doc: dict[str, Any] = {
        "format_version": 1,
        "target": {"layout": "juki", "file": "setai"},
        "source": {
            "form": "fixed-width",
            "encoding": "cp932",
            "record_length": RECORD_LENGTH,
            "terminator": "crlf",
            "record_type": {"start": 1, "length": 1, "value": "2"},
        },
        "items": {
            "lg_code": {"const": "131016"},
            "setai_no": {"from": {"start": 2, "length": 15}},
            "setainushi_atena_no": {"from": {"start": 17, "length": 15}},
            "setainushi_shimei": {
                "from": {"start": 32, "length": 20},
                "transforms": [{"name": "trim"}],
            },
            "jusho": {"from": {"start": 52, "length": 60}, "transforms": [{"name": "trim"}]},
            "yubin_bango": {"from": {"start": 112, "length": 7}},
            "setai_date": {
                "from": {"start": 119, "length": 7},
                "transforms": [{"name": "wareki_to_iso"}],
            },
        },
    }
    doc.update(changes)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def write_records(path: Path, records: list[bytes]) -> Path:
    path.write_bytes(b"".join(r + b"\r\n" for r in records))
    return path


def run_convert(
    source: Path, mappings: list[Path], out: Path | None, **kw: Any
) -> ConversionResult:
    options = ConvertOptions(out_dir=out, dry_run=out is None, **kw)
    return convert(source, [load_mapping(m) for m in mappings], options)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ---------------------------------------------------------------- fixed width


@pytest.fixture
def fixed(tmp_path: Path) -> tuple[Path, Path]:
    good = [setai_record(*r) for r in SETAI]
    records = [
        good[0],
        good[1],
        setai_record("0003000", "0000078", "鈴木　健", "東京都千代田区", date="3640108"),  # S64.1.8
        b"9" + b" " * (RECORD_LENGTH - 1),  # a trailer: no mapping takes type 9
        good[3],
        b"2short",  # does not fit the record length
    ]
    source = write_records(tmp_path / "legacy.dat", records)
    return source, setai_mapping(tmp_path / "setai.yaml")


def test_fixed_width_converts_rejects_and_reconciles(
    fixed: tuple[Path, Path], tmp_path: Path
) -> None:
    source, mapping = fixed
    out = tmp_path / "out"
    result = run_convert(source, [mapping], out)
    (t,) = result.targets
    (src,) = result.sources
    assert (src.records_read, src.records_claimed, src.records_unassigned) == (6, 4, 2)
    assert (t.records_in, t.records_out, t.records_rejected) == (4, 3, 1)
    assert result.reconciled and not result.clean
    written = rows(out / "setai.csv")
    assert [r["世帯番号"] for r in written] == ["0001007", "0002003", "0004006"]
    assert written[0]["世帯主氏名"] == "山田　太郎"  # 全角 padding trimmed, inner space kept
    assert written[0]["世帯を構成した年月日"] == "20100401"  # 4220401 = 平成22年4月1日
    assert written[0]["団体コード"] == "131016" and written[0]["方書"] == ""
    (reject,) = rows(out / "rejects" / "setai.rejects.csv")
    assert (reject["record"], reject["byte_offset"], reject["codes"]) == ("3", str(2 * 127), "CV01")
    assert "wareki_to_iso" in reject["reasons_en"] and reject["source"].startswith("20003000")
    unassigned = rows(out / "rejects" / "unassigned.rejects.csv")
    assert [(r["record"], r["codes"]) for r in unassigned] == [("4", "CV03"), ("6", "CV04")]
    assert unassigned[1]["source"] == "2short"


def test_nothing_is_written_before_every_target_is_decided(
    fixed: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Staging spills to the work folder only: the unassigned rejects file, like every
    other file, is written once the cascade has decided every target."""
    source, mapping = fixed
    out = tmp_path / "out"
    seen: list[list[Path]] = []
    real = pipeline.cascade

    def cascade(decisions: list[Any]) -> None:
        seen.append(sorted(p for p in out.rglob("*") if p.is_file()))
        real(decisions)

    monkeypatch.setattr(pipeline, "cascade", cascade)
    result = run_convert(source, [mapping], out)
    assert seen == [[]]
    assert result.sources[0].unassigned_file == "rejects/unassigned.rejects.csv"
    assert (out / "rejects" / "unassigned.rejects.csv").is_file()


def test_fixed_width_output_is_accepted_by_validate(
    fixed: tuple[Path, Path], tmp_path: Path
) -> None:
    source, mapping = fixed
    run_convert(source, [mapping], tmp_path / "out")
    report = run(tmp_path / "out" / "setai.csv", resolve("juki"), Options())
    assert report.valid, [f.to_dict() for r in report.files for f in r.findings]


def test_log_vouches_for_the_files_it_names(fixed: tuple[Path, Path], tmp_path: Path) -> None:
    source, mapping = fixed
    out = tmp_path / "out"
    run_convert(source, [mapping], out)
    log = json.loads((out / LOG_NAME).read_text(encoding="utf-8"))
    assert log["log_format"] == 1 and log["complete"] and log["reconciled"]
    (target,) = log["targets"]
    for name, digest in target["sha256"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    date = next(i for i in target["items"] if i["item"] == "setai_date")
    assert date["transforms"] == [
        {
            "step": 1,
            "transform": "wareki_to_iso",
            "values": 4,
            "changed": 3,
            "unconverted": 1,
            "kept_uncertain": 0,
            "kept_non_calendar": 0,
            "overlap": 0,
        }
    ]
    assert target["findings"]["counts"]["by_code"] == {"CV01": 1}
    (finding,) = target["findings"]["findings"]
    assert (finding["record"], finding["byte_offset"], finding["field"]) == (
        3,
        254,
        "世帯を構成した年月日",
    )
    (source,) = log["sources"]
    assert source["findings"]["counts"]["by_code"] == {"CV03": 1, "CV04": 1}
    assert source["reconciled"] and target["source"] == source["path"]


def test_rerun_is_byte_identical(fixed: tuple[Path, Path], tmp_path: Path) -> None:
    source, mapping = fixed
    run_convert(source, [mapping], tmp_path / "a")
    run_convert(source, [mapping], tmp_path / "b")
    names = sorted(str(p.relative_to(tmp_path / "a")) for p in (tmp_path / "a").rglob("*.*"))
    assert names == sorted(
        str(p.relative_to(tmp_path / "b")) for p in (tmp_path / "b").rglob("*.*")
    )
    assert len(names) == 4
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_dry_run_writes_nothing_and_counts_the_same(
    fixed: tuple[Path, Path], tmp_path: Path
) -> None:
    source, mapping = fixed
    dry = run_convert(source, [mapping], None)
    assert dry.dry_run and dry.targets[0].records_out == 3 and dry.rejected == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["legacy.dat", "setai.yaml"]


def test_small_chunks_give_the_same_result(fixed: tuple[Path, Path], tmp_path: Path) -> None:
    source, mapping = fixed
    run_convert(source, [mapping], tmp_path / "a")
    run_convert(source, [mapping], tmp_path / "b", chunk_records=2)
    for name in ("setai.csv", "rejects/setai.rejects.csv", "rejects/unassigned.rejects.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_undecodable_bytes_reject_the_record(tmp_path: Path) -> None:
    bad = bytearray(setai_record(*SETAI[0]))
    bad[31:33] = b"\x81\x20"  # 山 becomes a lead byte without its trail byte (世帯主氏名)
    source = write_records(tmp_path / "legacy.dat", [bytes(bad), setai_record(*SETAI[1])])
    result = run_convert(source, [setai_mapping(tmp_path / "m.yaml")], tmp_path / "out")
    assert result.targets[0].records_rejected == 1
    (reject,) = rows(tmp_path / "out" / "rejects" / "setai.rejects.csv")
    assert reject["codes"].split(";")[0] == "RD01" and "bytes 32-51" in reject["reasons_en"]


# ---------------------------------------------------------------- delimited


def legacy_csv(path: Path, sex: list[str], extra_line: str = "") -> Path:
    """The valid 住民 sample in CP932 with 性別 as vendor codes and a renamed column."""
    lines = (SAMPLES / "valid" / "jumin.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    at = header.index("性別")
    header[at] = "SEX"
    body = []
    for line, code in zip(lines[1:], sex, strict=False):
        cells = line.split(",")
        cells[at] = code
        body.append(",".join(cells))
    text = "\r\n".join([",".join(header), *body]) + "\r\n" + extra_line
    path.write_bytes(text.encode("cp932"))
    return path


def jumin_mapping(path: Path) -> Path:
    spec = resolve("juki").file("jumin")
    items: dict[str, Any] = {i.id: {"from": i.name} for i in spec.items}
    items["seibetsu"] = {"from": "SEX", "transforms": [{"name": "code_map", "map": "sex"}]}
    doc = {
        "format_version": 1,
        "target": {"layout": "juki", "file": "jumin"},
        "source": {"form": "delimited", "encoding": "cp932"},
        "items": items,
        "code_maps": {"sex": {"values": {"M": "1", "F": "2"}}},
    }
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_delimited_unmapped_code_and_ragged_record(tmp_path: Path) -> None:
    sex = ["M", "X", "F", "M", "F", "M", "M", "F", "M"]
    source = legacy_csv(tmp_path / "legacy.csv", sex, extra_line="131016,1,2\r\n")
    out = tmp_path / "out"
    result = run_convert(source, [jumin_mapping(tmp_path / "m.yaml")], out)
    (t,) = result.targets
    assert (t.records_in, t.records_out, t.records_rejected) == (10, 8, 2)
    rejects = rows(out / "rejects" / "jumin.rejects.csv")
    assert [(r["record"], r["line"], r["codes"]) for r in rejects] == [
        ("2", "3", "CV02"),
        ("10", "11", "ST04"),
    ]
    assert rejects[0]["SEX"] == "X" and rejects[0]["団体コード"] == "131016"
    assert t.code_maps["seibetsu:sex"]["unmapped"] == {"X": 1}
    assert run(out / "jumin.csv", resolve("juki"), Options()).valid


def test_duplicate_keys_after_the_first_are_rejected(tmp_path: Path) -> None:
    lines = (SAMPLES / "valid" / "jumin.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].replace("性別", "SEX")
    body = [line for line in lines[1:3]] + [lines[1]]
    body = [b.replace(",1,世帯主", ",M,世帯主").replace(",2,妻", ",F,妻") for b in body]
    source = tmp_path / "legacy.csv"
    source.write_bytes(("\n".join([header, *body]) + "\n").encode("cp932"))
    result = run_convert(source, [jumin_mapping(tmp_path / "m.yaml")], tmp_path / "out")
    (t,) = result.targets
    assert (t.records_out, t.records_rejected) == (2, 1)
    (reject,) = rows(tmp_path / "out" / "rejects" / "jumin.rejects.csv")
    assert (reject["record"], reject["codes"]) == ("3", "RL01")


def test_personal_values_are_masked_in_the_log(tmp_path: Path) -> None:
    sex = ["M", "F", "M", "F", "M", "F", "M", "F", "M"]
    source = legacy_csv(tmp_path / "legacy.csv", sex)
    text = source.read_bytes().decode("cp932").replace("177777777774", "177777777775")
    source.write_bytes(text.encode("cp932"))  # a 個人番号 with a wrong check digit
    mapping = jumin_mapping(tmp_path / "m.yaml")
    hidden = run_convert(source, [mapping], tmp_path / "a")
    assert hidden.targets[0].records_rejected == 1
    log = (tmp_path / "a" / LOG_NAME).read_text(encoding="utf-8")
    assert "177777777775" not in log and '"value": "***"' in log
    shown = run_convert(source, [mapping], tmp_path / "b", show_values=True)
    assert "177777777775" in json.dumps(shown.to_dict())


def test_every_cv_code_is_produced_by_a_test_here() -> None:
    here = Path(__file__).read_text(encoding="utf-8")
    for c in codes.CODES:
        if c.code.startswith("CV"):
            assert f'"{c.code}"' in here, c.code


@pytest.mark.parametrize(
    ("text", "records"),
    [
        ("a,b\n1,2\n", 2),
        ("a,b\n1,2", 2),
        ('a,b\n"x\ny",2\n"q""\n",3\n', 3),
        ("", 0),
        ('a\n"' + "z" * 40 + '\n"\n', 2),
    ],
)
def test_count_csv_records_ignores_quoted_line_feeds(
    tmp_path: Path, text: str, records: int
) -> None:
    path = tmp_path / "x.csv"
    path.write_text(text, encoding="utf-8")
    assert count_csv_records(path) == records
    assert count_csv_records(path, chunk=3) == records  # quotes and chunk edges


def test_a_rejected_household_takes_its_references_along(tmp_path: Path) -> None:
    """RL03 cascade: 世帯 rejected → its 住民 → their 異動履歴; the output stays consistent."""
    legacy = ROOT / "samples" / "juki-legacy"
    records = (legacy / "juki_legacy.dat").read_bytes().split(b"\r\n")
    at = next(i for i, r in enumerate(records) if r.startswith(b"2"))
    setai_no = records[at][1:16]
    records[at] = records[at][:169] + b"3640108" + records[at][176:]  # 昭和64年1月8日
    source = tmp_path / "legacy.dat"
    source.write_bytes(b"\r\n".join(records))
    names = ("jumin", "setai", "ido_rireki")
    mappings = [legacy / f"juki_legacy.{n}.mapping.yaml" for n in names]
    out = tmp_path / "out"
    result = run_convert(source, mappings, out)
    assert result.reconciled
    by_id = {t.file_id: t for t in result.targets}
    assert by_id["setai"].records_rejected == 1
    members = {  # record numbers of the 住民 of that 世帯 (bytes 22-36: 世帯番号)
        str(i + 1) for i, r in enumerate(records) if r.startswith(b"1") and r[21:36] == setai_no
    }
    jumin_rejects = rows(out / "rejects" / "jumin.rejects.csv")
    assert members and members <= {r["record"] for r in jumin_rejects}
    cascaded = [r for r in jumin_rejects if r["codes"] == "RL03"]
    assert {r["record"] for r in cascaded} <= members
    assert "世帯 (setai)" in cascaded[0]["reasons"]
    ido = rows(out / "rejects" / "ido_rireki.rejects.csv")
    assert ido and {r["codes"] for r in ido} == {"RL03"}
    assert run(out, resolve("juki"), Options()).valid  # no dangling reference is left


def test_uncertain_birth_dates_are_kept_where_the_item_allows_them(tmp_path: Path) -> None:
    """平成15年1月不詳 converts to 20030100 / 04150100; validate reports it as a note only."""
    legacy = ROOT / "samples" / "juki-legacy"
    records = (legacy / "juki_legacy.dat").read_bytes().split(b"\r\n")
    records[0] = records[0][:181] + b"4150100" + records[0][188:]  # bytes 182-188: 生年月日
    source = tmp_path / "legacy.dat"
    source.write_bytes(b"\r\n".join(records))
    mapping = legacy / "juki_legacy.jumin.mapping.yaml"
    result = run_convert(source, [mapping], tmp_path / "out")
    (t,) = result.targets
    assert "1" not in {
        r["record"] for r in rows(tmp_path / "out" / "rejects" / "jumin.rejects.csv")
    }
    first = rows(tmp_path / "out" / "jumin.csv")[0]
    assert (first["生年月日"], first["生年月日（和暦）"]) == ("20030100", "04150100")
    birth = next(s for s in t.steps if s.item == "birth_date")
    assert birth.counts["kept_uncertain"] == 1
    report = run(tmp_path / "out" / "jumin.csv", resolve("juki"), Options())
    assert report.valid


def _package(tmp_path: Path) -> list[Path]:
    """juki_legacy.dat split into one file per record type, each mapping naming its file."""
    legacy = ROOT / "samples" / "juki-legacy"
    records = (legacy / "juki_legacy.dat").read_bytes().split(b"\r\n")
    mappings = []
    for kind, name in (("1", "jumin"), ("2", "setai"), ("3", "ido_rireki")):
        mine = [r for r in records if r.startswith(kind.encode())]
        (tmp_path / "data").mkdir(exist_ok=True)
        (tmp_path / "data" / f"{name}.dat").write_bytes(b"".join(r + b"\r\n" for r in mine))
        doc = yaml.safe_load((legacy / f"juki_legacy.{name}.mapping.yaml").read_text("utf-8"))
        doc["source"]["path"] = f"data/{name}.dat"  # relative to the mapping file
        for raw in doc.get("code_maps", {}).values():
            if "file" in raw:  # code maps stay inside the mapping's folder: copy them there
                copy = tmp_path / "codes" / Path(raw["file"]).name
                copy.parent.mkdir(exist_ok=True)
                copy.write_bytes((legacy / raw["file"]).read_bytes())
                raw["file"] = f"codes/{copy.name}"
        mapping = tmp_path / f"{name}.yaml"
        mapping.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        mappings.append(mapping)
    return mappings


def test_a_legacy_package_converts_in_one_run(tmp_path: Path) -> None:
    mappings = _package(tmp_path)
    out = tmp_path / "out"
    result = run_convert_all(mappings, out)
    assert [s.path.name for s in result.sources] == ["jumin.dat", "setai.dat", "ido_rireki.dat"]
    assert [s.records_read for s in result.sources] == [33, 12, 30]
    assert result.reconciled and result.rejected == 2
    assert {t.file_id: t.source.endswith(f"{t.file_id}.dat") for t in result.targets} == {
        "jumin": True,
        "setai": True,
        "ido_rireki": True,
    }
    unassigned = sorted(p.name for p in (out / "rejects").glob("*.unassigned.rejects.csv"))
    assert unassigned == [
        "ido_rireki.dat.unassigned.rejects.csv",
        "jumin.dat.unassigned.rejects.csv",
        "setai.dat.unassigned.rejects.csv",
    ]
    assert run(out, resolve("juki"), Options()).valid


def test_a_mapping_without_a_source_needs_one(tmp_path: Path) -> None:
    mapping = setai_mapping(tmp_path / "m.yaml")
    with pytest.raises(UsageError, match=r"name it in source\.path"):
        run_convert_all([mapping], tmp_path / "out")


def run_convert_all(mappings: list[Path], out: Path) -> ConversionResult:
    return convert(None, [load_mapping(m) for m in mappings], ConvertOptions(out_dir=out))


def test_packed_decimal_fields_convert_and_bad_ones_are_rejected(tmp_path: Path) -> None:
    """A mainframe 世帯番号 in COMP-3 (8 bytes, 15 digits) → digits; a broken one → RD01."""

    def packed15(number: str) -> bytes:
        nibbles = [int(c) for c in number.zfill(15)] + [0xC]
        return bytes((nibbles[i] << 4) | nibbles[i + 1] for i in range(0, 16, 2))

    good = [setai_record(*r) for r in SETAI[:2]]
    records = [r[:1] + packed15(r[1:16].decode().strip()) + b" " * 7 + r[16:] for r in good]
    records.append(records[1][:1] + b"\x00" * 8 + records[1][9:])  # no sign nibble
    mapping = setai_mapping(tmp_path / "m.yaml")
    doc = yaml.safe_load(mapping.read_text(encoding="utf-8"))
    doc["items"]["setai_no"] = {
        "from": {"start": 2, "length": 8, "type": "packed"},
        "transforms": [{"name": "pad", "width": 7}],
    }
    mapping.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    source = write_records(tmp_path / "legacy.dat", records)
    result = run_convert(source, [mapping], tmp_path / "out")
    (t,) = result.targets
    assert (t.records_out, t.records_rejected) == (2, 1)
    assert [r["世帯番号"] for r in rows(tmp_path / "out" / "setai.csv")] == ["0001007", "0002003"]
    (reject,) = rows(tmp_path / "out" / "rejects" / "setai.rejects.csv")
    assert reject["codes"] == "RD01" and "bytes 2-9 (packed)" in reject["reasons_en"]


def test_unassigned_records_carry_the_whole_record_when_the_type_is_not_first(
    tmp_path: Path,
) -> None:
    """The type byte sits at the end here: the rejects file still shows each record whole."""
    mapping = setai_mapping(tmp_path / "m.yaml")
    doc = yaml.safe_load(mapping.read_text(encoding="utf-8"))
    doc["source"]["record_length"] = RECORD_LENGTH + 1
    doc["source"]["record_type"] = {"start": RECORD_LENGTH + 1, "length": 1, "value": "2"}
    mapping.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    records = [setai_record(*SETAI[0]) + b"2", setai_record(*SETAI[1]) + b"7"]
    source = write_records(tmp_path / "legacy.dat", records)
    result = run_convert(source, [mapping], tmp_path / "out")
    assert result.sources[0].records_unassigned == 1
    (row,) = rows(tmp_path / "out" / "rejects" / "unassigned.rejects.csv")
    assert (row["record"], row["byte_offset"], row["codes"]) == (
        "2",
        str(RECORD_LENGTH + 3),
        "CV03",
    )
    assert row["source"] == records[1].decode("cp932")
    assert "'7' (0x37)" in row["reasons_en"]


def test_readiness_produces_the_cv_codes_of_a_dry_run_conversion(tmp_path: Path) -> None:
    """CV05-CV07 come from ``migrate readiness``, a dry-run conversion into a standard layout
    (tests/readiness has the full behaviour)."""
    from migrate.layout.catalog import resolve
    from migrate.readiness import ReadinessOptions, judge

    root = Path(__file__).resolve().parents[2]
    sample = root / "samples" / "standard" / "juki-from-chukan" / "setai.mapping.yaml"
    text = sample.read_text(encoding="utf-8").replace(
        "  setainushi_shimei: {from: 世帯主氏名}\n", ""
    )
    legacy = root / "samples" / "juki" / "valid" / "setai.csv"
    text = text.replace("path: ../../juki/valid/setai.csv", f"path: {legacy}")
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    mapping = load_mapping(tmp_path / "m.yaml", unfilled_required_ok=True)
    jumin = load_mapping(root / "samples" / "standard" / "juki-from-chukan" / "jumin.mapping.yaml")
    other = tmp_path / "jutogai.csv"
    other.write_text("宛名番号\n0000019\n", encoding="utf-8")
    options = ReadinessOptions(exclusive=other)
    r = judge(legacy.parent, resolve("juki"), resolve("standard-juki"), [mapping, jumin], options)
    found = {f.code for t in r.targets if t.gaps for f in t.gaps.findings}
    found |= {f.code for f in r.cross.findings} if r.cross else set()
    assert found == {"CV05", "CV06", "CV07"}
