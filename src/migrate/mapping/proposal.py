"""What a draft mapping is made of: the proposals for a target 移行ファイル and their reasons.

Shared by the matching (``match``), the transform proposals (``propose``), the telling of the
移行ファイル (``identify``) and the YAML (``render``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from migrate.layout.model import FileSpec, Item, Layout
from migrate.mapping.profile import ColumnProfile, Sample

# The confidence words of a proposal (an alias, a name pair or a twin date item: header-synonym).
HEADER, ALIAS, PROFILE = "header", "header-synonym", "profile"
KIND_MIN = 0.9  # share of non-empty values that makes a column "of a kind"
DATE_MIN = 0.5  # share of date-like values that makes a date transform worth proposing


@dataclass(frozen=True)
class ProposedStep:
    """A transform step with its parameters and why it is proposed."""

    name: str
    params: dict[str, Any] = field(default_factory=dict)
    why: str = ""


@dataclass(frozen=True)
class CodeMapDraft:
    """An inline code map skeleton: source value → (code or "", comment)."""

    name: str
    values: dict[str, tuple[str, str]]
    known: str = ""  # the target's codes, listed once above the values


@dataclass
class Proposal:
    """Where one target item should come from, how sure we are and why."""

    item: Item
    columns: tuple[str, ...]
    confidence: str
    reason: str
    steps: list[ProposedStep] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    code_map: CodeMapDraft | None = None


@dataclass
class Draft:
    """Everything the YAML says: the sample, the target and the proposals."""

    sample: Sample
    layout: Layout
    spec: FileSpec
    how_told: str
    profiles: dict[str, ColumnProfile]
    proposals: dict[str, Proposal] = field(default_factory=dict)

    @property
    def used(self) -> set[str]:
        """The source columns some proposal takes."""
        return {c for p in self.proposals.values() for c in p.columns}

    @property
    def unplaced(self) -> list[Item]:
        """The target items no column was found for, in layout order."""
        return [i for i in self.spec.items if i.id not in self.proposals]
