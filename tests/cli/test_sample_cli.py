"""``migrate sample`` through the CLI."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import invoke


def test_sample_then_validate(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    invoke(["sample", "juki", "--rows", "50", "--seed", "1", "-o", str(out)], 0)
    assert sorted(p.name for p in out.iterdir()) == ["ido_rireki.csv", "jumin.csv", "setai.csv"]
    invoke(["validate", str(out), "--layout", "juki", "--encoding", "utf-8"], 0)


def test_defects_fail_validation(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    invoke(["sample", "juki", "--rows", "50", "--defects", "0.2", "-o", str(out)], 0)
    assert (out / "defects.json").is_file()
    invoke(["validate", str(out), "--layout", "juki", "--encoding", "utf-8"], 1)


def test_unknown_file_is_a_usage_error(tmp_path: Path) -> None:
    invoke(["sample", "juki", "--file", "nope", "-o", str(tmp_path)], 2)
    invoke(["sample", "no-such-layout", "-o", str(tmp_path)], 2)


def test_a_fixed_width_layout_is_refused(tmp_path: Path) -> None:
    layout = Path(__file__).parents[2] / "samples" / "juki-legacy" / "juki_legacy.layout.yaml"
    result = invoke(["sample", str(layout), "-o", str(tmp_path)], 2)
    assert "is fixed-width" in str(result.exception)
    assert not list(tmp_path.iterdir())
