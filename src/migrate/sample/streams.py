"""Random streams for sample generation, one per purpose, so output is reproducible."""

from __future__ import annotations

import zlib

import numpy as np


def rng_for(seed: int, *names: str) -> np.random.Generator:
    """An independent stream per (seed, names): output does not depend on generation order."""
    return np.random.default_rng([seed, *(zlib.crc32(n.encode()) for n in names)])
