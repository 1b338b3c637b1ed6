"""The dict/set order model (the orders below were printed by MicroPython 1.29, see
tests/runtime/programs/core_dict_order.exp for the end-to-end recording)."""

from __future__ import annotations

from mpt.runtime.vm.hashorder import guest_iter, micropython_order, note_literal, set_literal


def test_literal_dict_uses_its_own_size():
    d = note_literal({"a": 1, "b": 2, "c": 3, "zz": 4, 1: 2}, 5)
    assert micropython_order(d) == ["b", "zz", "a", 1, "c"]


def test_dict_grown_by_insertion():
    d = {}
    for w in "the quick brown fox jumps over the lazy dog again and again".split():
        d[w] = d.get(w, 0) + 1
    assert micropython_order(d) == ["the", "over", "jumps", "fox", "again", "and", "quick",
                                    "lazy", "dog", "brown"]


def test_set_literal_and_iteration_of_views():
    assert micropython_order(set_literal("x", "y", "z")) == ["x", "z", "y"]
    d = note_literal({"name": "x", "age": 3, "city": "y", "zip": 12345}, 4)
    assert list(guest_iter(d.items())) == [("city", "y"), ("zip", 12345), ("name", "x"),
                                           ("age", 3)]


def test_unmodelled_keys_keep_insertion_order():
    assert micropython_order({(1, 2): 3, "k": 4}) is None
    assert list(guest_iter({(1, 2): 3, "k": 4})) == [(1, 2), "k"]
