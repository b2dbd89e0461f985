"""Domain knowledge of Japanese municipal data: eras, character sets, check digits, kana tables.

The ground floor: this package imports nothing from ``migrate`` (``migrate.errors`` at most),
so layouts, readers, validation, sampling and conversion can all build on it.
"""
