"""Validation: compile a layout into polars expressions and run them in one lazy pass per file."""
