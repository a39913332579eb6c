"""Immutable result records that compare with ``==`` even when they hold numpy arrays."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import numpy as np


def frozen_array(values: Any, dtype: Any = np.float64) -> np.ndarray:
    """A read-only copy of ``values``: a result's arrays cannot be changed behind its back."""
    array = np.array(values, dtype=dtype)
    array.setflags(write=False)
    return array


def same(a: Any, b: Any) -> bool:
    """Equality that treats arrays as values (same shape and elements, NaN equal to NaN)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)) or a.shape != b.shape:
            return False
        return bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f" and b.dtype.kind == "f"))
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return bool(a == b)


class Record:
    """Mixed into frozen dataclasses declared with ``eq=False``: field-by-field equality, arrays included."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(same(getattr(self, f.name), getattr(other, f.name)) for f in fields(self))  # type: ignore[arg-type]

    __hash__ = None  # type: ignore[assignment]
