"""The installed version of migrate (semver), for reports, logs and ``--version``."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("migrate")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+source"
