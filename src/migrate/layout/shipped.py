"""Where the shipped ``layouts/`` folder is, and the JSON Schemas it holds."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from migrate.errors import LayoutError


def layouts_root() -> Path:
    """The shipped ``layouts/`` folder: inside the wheel, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "layouts", here.parent.parent / "layouts"):
        if (candidate / "schema.json").is_file():
            return candidate
    raise LayoutError("the shipped layouts folder is missing from this installation")


@cache
def shipped_schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in ``layouts/`` (layout files, mapping files)."""
    with (layouts_root() / name).open(encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    return schema
