"""How to validate: the options every source of ``migrate validate`` is checked with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from migrate.io.progress import ProgressSink


@dataclass(frozen=True, kw_only=True)
class Options:
    """How to validate.

    ``max_errors`` caps the examples listed per code and file (None: all); ``progress`` hears
    how far the pass over each file got.
    """

    file_id: str | None = None
    encoding: str | None = None
    max_errors: int | None = 1000
    show_values: bool = False
    delimiter: str | None = None
    progress: ProgressSink | None = None
    xsd: Path | None = None  # an XML Schema an XML file is also validated against

    @property
    def cap(self) -> int:
        """``max_errors`` as a number: unlimited (None) is 2**31 - 1."""
        return self.max_errors if self.max_errors is not None else 2**31 - 1
