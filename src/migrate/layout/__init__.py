"""Layout definitions: the typed model, the YAML loader and the catalog of shipped layouts."""

from migrate.layout.catalog import resolve
from migrate.layout.loader import load_layout
from migrate.layout.model import FileSpec, Item, Layout

__all__ = ["FileSpec", "Item", "Layout", "load_layout", "resolve"]
