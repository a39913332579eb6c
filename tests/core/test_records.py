"""Result records: equality by value with arrays inside (NaN equal to NaN), and read-only arrays."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from channelscore.core.records import Record, frozen_array, same


@dataclass(frozen=True, eq=False)
class Holder(Record):
    values: np.ndarray
    label: str
    nested: tuple[object, ...] = ()


def test_records_with_arrays_compare_by_value() -> None:
    a = Holder(frozen_array([1.0, np.nan]), "x")
    assert a == Holder(frozen_array([1.0, np.nan]), "x")
    assert a != Holder(frozen_array([1.0, 2.0]), "x")
    assert a != Holder(frozen_array([1.0, np.nan]), "y")
    assert a != Holder(frozen_array([1.0, np.nan, 3.0]), "x")
    assert Holder(frozen_array([1.0]), "x", (a,)) == Holder(frozen_array([1.0]), "x", (a,))
    assert Holder(frozen_array([1.0]), "x", (a,)) != Holder(frozen_array([1.0]), "x", (a, a))
    assert a.__eq__("x") is NotImplemented
    with pytest.raises(TypeError):
        hash(a)


def test_same_compares_containers_and_kinds() -> None:
    assert same({"a": frozen_array([1])}, {"a": frozen_array([1])})
    assert not same({"a": 1}, {"b": 1})
    assert not same([1, 2], (1, 2))
    assert not same(frozen_array([1]), [1.0])
    assert same(frozen_array([True], bool), frozen_array([True], bool))
    assert not same(frozen_array([np.nan]), frozen_array([0.0]))


def test_frozen_arrays_are_copies_and_read_only() -> None:
    source = np.array([1.0, 2.0])
    array = frozen_array(source)
    source[0] = 9.0
    assert array[0] == 1.0
    with pytest.raises(ValueError):
        array[0] = 3.0


def test_a_mapping_never_equals_something_else() -> None:
    assert not same({"a": 1}, 1)
    assert not same(1, {"a": 1})
    assert not same((1,), 1)
