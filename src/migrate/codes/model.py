"""What a finding code is: its severity, kind, status, names and documentation."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is; ``--fail-on`` compares by ``rank``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Order of severity: error 3, warning 2, info 1."""
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Kind(StrEnum):
    """What sort of problem a code reports (the JSON report counts findings by kind)."""

    ENCODING = "encoding"
    STRUCTURE = "structure"
    REQUIRED = "required"
    TYPE = "type"
    LENGTH = "length"
    DATE = "date"
    CODE = "code"
    CHECK_DIGIT = "check_digit"
    CHARSET = "charset"
    UNIQUE = "unique"
    RELATION = "relation"
    REFERENCE = "reference"
    CONVERSION = "conversion"


class Status(StrEnum):
    """How far a code can be relied on, as ruff marks its rules.

    ``stable`` codes keep their meaning; ``preview`` codes may still change meaning or
    severity; ``deprecated`` codes are no longer emitted but stay in the table, because a
    code is never reused.
    """

    STABLE = "stable"
    PREVIEW = "preview"
    DEPRECATED = "deprecated"


@dataclass(frozen=True, kw_only=True)
class CodeDoc:
    """The documentation of one code, rendered into docs/finding-codes.md.

    English sections are required; ``fix_ja`` is the one-line 対処 the Japanese report shows.
    """

    what: str
    why: str
    example: str
    fix: str
    fix_ja: str


@dataclass(frozen=True)
class Code:
    """One finding code: what it means, how bad it is, and how it reads.

    ``ja`` and ``en`` are the message templates (a public contract: goldens and vendors'
    CI read them). ``former_slugs`` keeps the old slug when a slug is renamed, so that
    what selected the code by its old name still finds it.
    """

    code: str
    slug: str
    kind: Kind
    severity: Severity
    ja: str
    en: str
    status: Status = field(default=Status.STABLE, kw_only=True)
    former_slugs: tuple[str, ...] = field(default=(), kw_only=True)
    doc: CodeDoc | None = field(default=None, kw_only=True, compare=False)

    @property
    def aliases(self) -> tuple[str, ...]:
        """The other names the code can be looked up by: its slug, then any former slugs."""
        return (self.slug, *self.former_slugs)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name of the code: the code itself first, then its aliases."""
        return (self.code, *self.aliases)
