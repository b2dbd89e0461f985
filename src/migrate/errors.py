"""Exceptions for "could not run": each ends the command with exit code 2."""

from __future__ import annotations


class MigrateError(Exception):
    """Base of every error that stops a command before it can report findings."""

    exit_code = 2


class UsageError(MigrateError):
    """Options that do not fit together or name nothing."""


class LayoutError(MigrateError):
    """A layout that cannot be found, parsed or trusted."""


class InputError(MigrateError):
    """An input file that cannot be opened or read at all."""
