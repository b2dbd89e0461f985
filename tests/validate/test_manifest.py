"""The validate engine fills the manifest: every input once, hashed, with its encoding's source."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from migrate.layout.catalog import resolve
from migrate.report.manifest import sha256_file
from migrate.validate.engine import Options, run
from migrate.validate.manifest import InputHashes
from tests.conftest import ROOT, SAMPLES

LEGACY = ROOT / "samples" / "juki-legacy"


def test_a_package_names_each_of_its_files() -> None:
    report = run(SAMPLES / "valid", resolve("juki"), Options())
    assert report.manifest is not None
    paths = sorted(i.path for i in report.manifest.inputs)
    assert paths == sorted(str(p) for p in (SAMPLES / "valid").iterdir() if p.suffix == ".csv")
    for entry in report.manifest.inputs:
        assert entry.sha256 == sha256_file(Path(entry.path))
        assert entry.size == Path(entry.path).stat().st_size
        assert entry.encoding_source == "guessed"
    layout = report.manifest.layout_file
    assert layout is not None and layout.sha256 == sha256_file(Path(resolve("juki").path))
    assert report.manifest.started_at <= report.manifest.finished_at


def test_the_encoding_given_is_an_option() -> None:
    target = SAMPLES / "valid_cp932_jumin.csv"
    report = run(target, resolve("juki"), Options(encoding="cp932", max_errors=5))
    assert report.manifest is not None
    (entry,) = report.manifest.inputs
    assert (entry.encoding, entry.encoding_source) == ("cp932", "option")
    assert report.manifest.options["max_errors"] == 5
    assert report.to_dict()["manifest"]["inputs"][0]["sha256"] == sha256_file(target)


def test_a_fixed_width_file_is_one_input_with_the_layouts_encoding() -> None:
    layout = resolve(str(LEGACY / "juki_legacy.layout.yaml"))
    report = run(LEGACY / "juki_legacy.dat", layout, Options())
    assert report.manifest is not None
    assert len(report.files) > 1
    (entry,) = report.manifest.inputs
    assert (entry.path, entry.encoding_source) == (str(LEGACY / "juki_legacy.dat"), "layout")


@pytest.mark.skipif(sys.platform != "linux", reason="a thread's own priority is Linux's")
def test_inputs_are_hashed_at_the_lowest_priority_and_the_checks_keep_theirs(
    tmp_path: Path,
) -> None:
    """The hashing thread takes only idle CPU; the thread running the checks is untouched."""
    data = tmp_path / "a.csv"
    data.write_bytes(b"x,y\n" * 1000)
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    with InputHashes([data]) as hashes:
        assert hashes.sha256(data) == sha256_file(data)
        niceness = hashes._pool.submit(
            lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        ).result()
    assert niceness == 19
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine
