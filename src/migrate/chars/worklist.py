"""The 外字 同定 worklist: one entry per distinct character or sequence that needs a decision.

A model, not a format: ``to_rows`` gives the table (csv and xlsx)
and ``to_dict`` the JSON. An entry shows the character, never the values it was found in;
locations are file, line and record only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from migrate.japan.gaiji import CLASS_LABELS, CharClass, code_points
from migrate.transforms.worklist_file import DECISION_COLUMN, KEY_COLUMN, STATUS_COLUMN


class Status(StrEnum):
    """Where an entry stands: to decide, allowed by the target layout, or already decided."""

    UNDECIDED = "要同定"
    ALLOWED = "許容"
    DECIDED = "同定済"


@dataclass(frozen=True, order=True)
class Location:
    """Where an entry was found: file, record (1-based), its first physical line, item."""

    file: str
    record: int
    line: int | None
    item: str

    def text(self) -> str:
        """``file:2行(レコード1, 氏名)``."""
        line = f"{self.line}行" if self.line is not None else "行不明"
        return f"{self.file}:{line}(レコード{self.record}, {self.item})"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {"file": self.file, "line": self.line, "record": self.record, "item": self.item}


@dataclass(frozen=True)
class Candidate:
    """A possible replacement, never applied: ``source`` says which table proposed it."""

    text: str
    source: str  # nfc, jisx0213, ivs_base, mj, shrink_map
    note: str = ""

    def render(self) -> str:
        """``高 U+9AD8 (shrink_map, note)``."""
        note = f", {self.note}" if self.note else ""
        return f"{self.text} {code_points(self.text)} ({self.source}{note})"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "text": self.text,
            "code_points": code_points(self.text),
            "source": self.source,
            "note": self.note,
        }


@dataclass
class Entry:
    """One character or sequence: how often, in which items, first where, what could replace it."""

    text: str
    char_class: CharClass
    count: int = 0
    items: list[str] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    status: Status = Status.UNDECIDED
    decision: str = ""  # a 同定結果 carried over from --decided

    @property
    def code_points(self) -> str:
        """``U+9AD9`` or ``U+845B U+E0100``: the key ``char_map`` reads."""
        return code_points(self.text)


WORKLIST_FORMAT = 1  # of the JSON form; raised when a key changes meaning or goes

COLUMNS = (
    "文字",
    KEY_COLUMN,
    "分類",
    STATUS_COLUMN,
    "件数",
    "項目",
    "出現箇所",
    "候補",
    DECISION_COLUMN,
)


@dataclass
class Worklist:
    """Every entry of a run, with what was read and the notes a reader must see."""

    layout: str
    sources: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    first: int = 5  # locations kept per entry

    def sorted_entries(self) -> list[Entry]:
        """Entries to decide first, then allowed, then decided; by code point within each."""
        order = list(Status)
        return sorted(self.entries, key=lambda e: (order.index(e.status), e.code_points))

    @property
    def undecided(self) -> int:
        """How many entries still need a decision (the exit code's question)."""
        return sum(1 for e in self.entries if e.status is Status.UNDECIDED)

    def to_rows(self) -> list[list[str]]:
        """The header, then one row per entry (the table a person fills in)."""
        rows = [list(COLUMNS)]
        for e in self.sorted_entries():
            rows.append(
                [
                    e.text,
                    e.code_points,
                    CLASS_LABELS[e.char_class][0],
                    e.status.value,
                    str(e.count),
                    "、".join(e.items),
                    " / ".join(loc.text() for loc in e.locations),
                    " / ".join(c.render() for c in e.candidates),
                    e.decision,
                ]
            )
        return rows

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (docs/schemas/chars.schema.json)."""
        return {
            "worklist_format": WORKLIST_FORMAT,
            "layout": self.layout,
            "sources": self.sources,
            "summary": {
                "entries": len(self.entries),
                "undecided": self.undecided,
                "allowed": sum(1 for e in self.entries if e.status is Status.ALLOWED),
                "decided": sum(1 for e in self.entries if e.status is Status.DECIDED),
                "occurrences": sum(e.count for e in self.entries),
            },
            "notes": self.notes,
            "entries": [
                {
                    "char": e.text,
                    "code_points": e.code_points,
                    "class": e.char_class.value,
                    "status": e.status.name.lower(),
                    "count": e.count,
                    "items": e.items,
                    "locations": [loc.to_dict() for loc in e.locations],
                    "candidates": [c.to_dict() for c in e.candidates],
                    "decision": e.decision,
                }
                for e in self.sorted_entries()
            ],
        }
