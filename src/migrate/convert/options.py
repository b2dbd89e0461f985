"""How a conversion runs: where it writes, how much it lists, how it reads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from migrate.io.fixed_width import CHUNK_RECORDS


@dataclass(frozen=True, kw_only=True)
class ConvertOptions:
    """Where to write (None with ``dry_run``), how many examples a finding lists."""

    out_dir: Path | None
    dry_run: bool = False
    max_examples: int = 100
    show_values: bool = False
    chunk_records: int = CHUNK_RECORDS
    form: str = "csv"  # the export's form: csv, or xml in the layout's XML form
