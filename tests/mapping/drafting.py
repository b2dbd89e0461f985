"""Helpers of the ``mapping draft`` tests: write a legacy CSV, draft it, read the proposals."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from migrate.layout.catalog import resolve
from migrate.layout.model import Layout
from migrate.mapping.draft import DraftOptions, draft_mapping, propose
from migrate.mapping.profile import read_sample
from migrate.mapping.proposal import Draft
from tests.conftest import SAMPLES

JUKI = resolve("juki")


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    return path


def draft_of(
    tmp_path: Path, rows: list[list[str]], file_id: str | None = "jumin", layout: Layout = JUKI
) -> Draft:
    path = write_csv(tmp_path / "legacy.csv", rows)
    sample = read_sample(
        path, encoding=None, delimiter=None, header=True, rows=100, workdir=tmp_path
    )
    return propose(layout, sample, file_id)


def steps(draft: Draft, item: str) -> list[dict[str, Any]]:
    return [{"name": s.name, **s.params} for s in draft.proposals[item].steps]


def draft_yaml(tmp_path: Path, rows: list[list[str]], **options: Any) -> tuple[Path, str]:
    """Write the CSV, draft it, write the draft next to it; the mapping's path and text."""
    legacy = write_csv(tmp_path / "legacy.csv", rows, options.pop("encoding_written", "utf-8"))
    out = tmp_path / "mapping.yaml"
    text = draft_mapping(legacy, DraftOptions("juki", **options), out)
    out.write_text(text, encoding="utf-8")
    return out, text


def legacy_jumin(tmp_path: Path, encoding: str) -> Path:
    """samples/juki/valid/jumin.csv with legacy headers, split names and 和暦 birth dates."""
    with (SAMPLES / "valid" / "jumin.csv").open(encoding="utf-8-sig", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    renamed = {"生年月日": "BIRTH", "性別": "SEX", "宛名番号": "ATENA_NO", "個人番号": "NO"}
    wareki = header.index("生年月日（和暦）")
    out = [[renamed.get(h, h) for h in header]]
    for row in rows:
        row[header.index("生年月日")] = "S" + row[wareki][2:] if row[wareki] else ""
        row[header.index("性別")] = {"1": "M", "2": "F"}[row[header.index("性別")]]
        out.append(row)
    return write_csv(tmp_path / "jumin_legacy.csv", out, encoding)
