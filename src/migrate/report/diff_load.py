"""Read a JSON report for ``report diff``: a ``migrate validate`` report or a conversion log.

Anything else (not JSON, not a report, a field of the wrong type) is an ``InputError`` with
one line that names the file: the command then exits 2.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import Any

from migrate.errors import InputError
from migrate.report.diff import Listed, Side


def load_side(path: Path) -> Side:
    """The counts and listed findings of the report at ``path``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a JSON report: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: not a migrate report (a JSON object is expected)")
    try:
        return _side(path, data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"{path}: not a migrate report: unexpected content ({exc!r})") from exc


def _side(path: Path, data: dict[str, Any]) -> Side:
    if "report_format" in data and isinstance(data.get("files"), list):
        results = list(data["files"])
        layout = data["layout"]["id"]
        max_errors = data.get("max_errors")
    elif "log_format" in data:
        results = [t["findings"] for t in data["targets"] if t.get("findings")]
        results += [s["findings"] for s in data["sources"] if s.get("findings")]
        layout = next((t.get("layout") for t in data["targets"]), None)
        max_errors = None
    else:
        raise InputError(
            f"{path}: not a migrate report: neither a validate report (report_format) "
            "nor a conversion log (log_format)"
        )
    counts: dict[tuple[str, str], int] = {}
    listed: list[Listed] = []
    for result in results:
        file = _file(result)
        for code, n in result["counts"]["by_code"].items():
            counts[(file, code)] = counts.get((file, code), 0) + int(n)
        listed += [_listed(file, f) for f in result["findings"]]
    return Side(str(path), layout, counts, tuple(listed), max_errors)


def _file(result: dict[str, Any]) -> str:
    """The 移行ファイル id; a file that was not told apart goes by its name."""
    file_id = result.get("file_id")
    return str(file_id) if file_id else PurePath(str(result["path"])).name


def _listed(file: str, f: dict[str, Any]) -> Listed:
    return Listed(
        file=file,
        code=str(f["code"]),
        severity=str(f["severity"]),
        field=f.get("field"),
        key=f.get("key"),
        path=str(f.get("file", "")),
        line=f.get("line"),
        record=f.get("record"),
        value=f.get("value"),
        message=str(f.get("message", "")),
        message_ja=str(f.get("message_ja", "")),
    )
