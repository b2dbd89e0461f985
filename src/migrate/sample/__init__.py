"""Synthetic export packages for any layout: ``migrate sample`` (see docs/sample.md)."""

from migrate.sample.generate import generate
from migrate.sample.write import write_sample

__all__ = ["generate", "write_sample"]
