"""The fleet summary: package × 移行ファイル verdicts, records and errors, and the pass share."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from migrate.fleet.outcome import COULD_NOT_RUN, INVALID, VALID, PackageOutcome

FORMAT_VERSION = 1


@dataclass(frozen=True)
class FleetSummary:
    """Every package's outcome, in package-name order, with the layout and the verdict bar."""

    root: str
    layout_id: str
    fail_on: str
    outcomes: tuple[PackageOutcome, ...]
    reports: str  # the folder of the per-package JSON reports

    def count(self, status: str) -> int:
        """How many packages came to ``status``."""
        return sum(o.status == status for o in self.outcomes)

    @property
    def pass_share(self) -> float:
        """Share of packages whose export passes (could-not-run counts as not passing)."""
        return self.count(VALID) / len(self.outcomes) if self.outcomes else 0.0

    @property
    def exit_code(self) -> int:
        """0 every package passes, 1 some package has findings at --fail-on or could not run."""
        return 0 if self.count(VALID) == len(self.outcomes) else 1

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (fleet summary format 1, docs/fleet.md)."""
        return {
            "fleet_format": FORMAT_VERSION,
            "root": self.root,
            "layout": self.layout_id,
            "fail_on": self.fail_on,
            "reports": self.reports,
            "totals": {
                "packages": len(self.outcomes),
                VALID: self.count(VALID),
                INVALID: self.count(INVALID),
                COULD_NOT_RUN: self.count(COULD_NOT_RUN),
                "skipped_unchanged": sum(o.skipped for o in self.outcomes),
                "pass_share": round(self.pass_share, 4),
            },
            "packages": [
                {k: v for k, v in o.to_dict().items() if k not in ("stats", "inputs")}
                for o in self.outcomes
            ],
        }


def render_json(summary: FleetSummary) -> str:
    """The summary as JSON."""
    return json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _errors(by_kind: dict[str, int]) -> str:
    return ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items())) or "-"


def render_text(summary: FleetSummary) -> str:
    """The summary as text: one block per package, one line per 移行ファイル, then the totals."""
    lines = [f"fleet {summary.root} — layout {summary.layout_id}, fail on {summary.fail_on}"]
    for o in summary.outcomes:
        mark = " (unchanged, not rerun)" if o.skipped else ""
        if o.status == COULD_NOT_RUN:
            lines.append(f"{o.name}: could not run — {o.reason}")
            continue
        lines.append(f"{o.name}: {o.status}{mark}")
        for f in o.files:
            name = f"{f.file_name} ({f.file_id})" if f.file_id else f.path
            sev = f.by_severity
            lines.append(
                f"  {name}: {f.records} records, {'OK' if f.valid else 'NG'} — "
                f"{sev.get('error', 0)} errors, {sev.get('warning', 0)} warnings; "
                f"by kind: {_errors(f.by_kind)}"
            )
    t = summary.to_dict()["totals"]
    lines.append(
        f"{t['packages']} packages: {t[VALID]} valid, {t[INVALID]} invalid, "
        f"{t[COULD_NOT_RUN]} could not run ({t['skipped_unchanged']} unchanged, not rerun); "
        f"pass share {summary.pass_share:.0%}; reports in {summary.reports}"
    )
    return "\n".join(lines) + "\n"
