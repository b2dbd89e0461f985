"""Check families. Each module turns one item (or one file spec) into Rules."""
