"""Does a JSON report still describe its files? Re-hash every file its manifest names."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from migrate.errors import InputError
from migrate.report.manifest import sha256_file


@dataclass(frozen=True)
class Check:
    """One file of the manifest: what it is, where, and whether it is still the same."""

    role: str  # input, layout, mapping
    path: str
    status: str  # same, changed, missing
    detail: str = ""

    @property
    def same(self) -> bool:
        """True when the file is still as the report describes it."""
        return self.status == "same"


def load_manifest(report_path: Path) -> dict[str, Any]:
    """The manifest of a JSON report; exit 2 (InputError) when there is none to read."""
    try:
        doc = json.loads(report_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{report_path}: no such file") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{report_path}: not a JSON report ({exc})") from exc
    manifest = doc.get("manifest") if isinstance(doc, dict) else None
    if not isinstance(manifest, dict):
        raise InputError(
            f"{report_path}: the report has no manifest (written before report_format 2?)"
        )
    return manifest


def _check(role: str, path: str, sha256: str | None, size: int | None, base: Path) -> Check:
    p = Path(path)
    if not p.is_absolute() and not p.exists():
        p = base / p  # a relative path: relative to where the report was made, else beside it
    if not p.is_file():
        return Check(role, path, "missing", "no such file")
    if size is not None and p.stat().st_size != size:
        return Check(role, path, "changed", f"size {p.stat().st_size}, report: {size}")
    actual = sha256_file(p)
    if sha256 is not None and actual != sha256:
        return Check(role, path, "changed", f"sha256 {actual[:12]}…, report: {sha256[:12]}…")
    return Check(role, path, "same")


def verify(manifest: dict[str, Any], base: Path) -> list[Check]:
    """Every input, the layout file and every mapping, re-hashed and compared."""
    checks = [
        _check("input", i["path"], i.get("sha256"), i.get("size"), base)
        for i in manifest.get("inputs", [])
    ]
    layout = manifest.get("layout") or {}
    if layout.get("path") and layout.get("sha256"):
        checks.append(_check("layout", layout["path"], layout["sha256"], None, base))
    checks += [
        _check("mapping", m["path"], m.get("sha256"), None, base)
        for m in manifest.get("mappings", [])
    ]
    return checks
