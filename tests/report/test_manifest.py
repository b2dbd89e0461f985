"""The manifest: streamed SHA-256, sizes, encodings and where they came from."""

from __future__ import annotations

import hashlib
from pathlib import Path

from migrate.report.manifest import Hashed, InputFile, Manifest, sha256_file, utc_now


def test_sha256_streams_a_file_larger_than_one_chunk(tmp_path: Path) -> None:
    data = bytes(range(256)) * 10_000  # 2.5 MiB: several 1 MiB chunks
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()


def test_input_file_records_size_hash_and_encoding_source(tmp_path: Path) -> None:
    path = tmp_path / "jumin.csv"
    path.write_bytes("宛名番号\n1\n".encode("cp932"))
    entry = InputFile.of(path, "cp932", "option")
    assert entry.to_dict() == {
        "path": str(path),
        "size": path.stat().st_size,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "encoding": "cp932",
        "encoding_source": "option",
    }


def test_a_missing_layout_file_has_no_hash(tmp_path: Path) -> None:
    assert Hashed.of(tmp_path / "gone.yaml").sha256 is None


def test_manifest_to_dict_names_everything_a_sign_off_rests_on(tmp_path: Path) -> None:
    layout = tmp_path / "l.yaml"
    layout.write_text("id: x\n", encoding="utf-8")
    m = Manifest("validate", "1.2.3", "x", "0.1", Hashed.of(layout), started_at=utc_now())
    d = m.to_dict()
    assert d["tool"] == {"name": "migrate", "version": "1.2.3"}
    assert d["layout"]["sha256"] == sha256_file(layout)
    assert d["started_at"].endswith("Z") and "T" in d["started_at"]
    assert set(d) == {
        "tool", "command", "layout", "mappings", "inputs", "options", "started_at", "finished_at"
    }  # fmt: skip
