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


def _probe_model(events, alloc):
    """py/map.c's add-if-not-found and remove-if-found followed slot by slot (the slow
    way: every probe compares keys; growth rehashes in slot order)."""
    from mpt.runtime.vm.hashtable import micropython_hash, next_size
    deleted = object()
    table = [None] * alloc
    for kind, key in events:
        h = micropython_hash(key)
        if kind == "add":
            while True:
                n = len(table)
                avail = None
                found = False
                for i in range(n):
                    pos = (h + i) % n if n else 0
                    slot = table[pos]
                    if slot is None:
                        avail = pos if avail is None else avail
                        break
                    if slot is deleted:
                        avail = pos if avail is None else avail
                    elif slot == key:
                        found = True
                        break
                if found:
                    break
                if avail is not None:
                    table[avail] = key
                    break
                old = [k for k in table if k is not None and k is not deleted]
                table = [None] * next_size(n + 1)
                for k in old:
                    kh = micropython_hash(k)
                    j = 0
                    while table[(kh + j) % len(table)] is not None:
                        j += 1
                    table[(kh + j) % len(table)] = k
        else:
            n = len(table)
            for i in range(n):
                pos = (h + i) % n
                slot = table[pos]
                if slot is None:
                    break
                if slot is not deleted and slot == key:
                    nxt = table[(pos + 1) % n]
                    table[pos] = deleted if (nxt is not None or kind == "mark") else None
                    break
    return [k for k in table if k is not None and k is not deleted]


def test_table_follows_map_c_through_inserts_deletes_and_growth():
    import random

    from mpt.runtime.vm.hashtable import Table
    rng = random.Random(11)
    for trial in range(300):
        alloc = rng.choice((0, 0, 3, 5, 9))
        pool = [rng.randrange(500) for _ in range(40)] + [f"k{i}" for i in range(40)] + \
            [float(i) for i in range(20)] + [b"b%d" % i for i in range(20)]
        table = Table(alloc)
        events = []
        live = {}
        for _ in range(rng.randrange(1, 400)):
            key = rng.choice(pool)
            if key in live and rng.random() < 0.4:
                kind = "mark" if rng.random() < 0.2 else "del"
                table.remove(key, kind == "mark")
                del live[key]
            elif key not in live:
                kind = "add"
                assert table.add_all([key])
                live[key] = None
            else:
                continue
            events.append((kind, key))
        assert table.order() == _probe_model(events, alloc), trial


def test_registry_lets_go_of_dead_dicts_and_sets():
    import gc

    from mpt.runtime.vm import hashorder
    hashorder.forget_all()
    for i in range(3000):
        d = {f"k{j}": j for j in range(i % 7 + 2)}
        micropython_order(d)
        s = set_literal(i, i + 1, i + 2)
        micropython_order(s)
    del d, s
    gc.collect()
    hashorder._purge_dicts()
    assert len(hashorder._DICTS) <= 1
    assert len(hashorder._SETS) <= 1


def test_big_dicts_are_modelled_whatever_their_size():
    d = {}
    for i in range(20000):
        d[i * 7919 % 100003] = i
    order = micropython_order(d)
    assert order is not None and sorted(order) == sorted(d)
    assert order != list(d)


def test_fresh_order_is_a_new_tables_order():
    import random

    from mpt.runtime.vm.hashtable import Table, fresh_order
    rng = random.Random(5)
    pool = list(range(-3, 40)) + [f"s{i}" for i in range(30)] + [True, 2.0, b"x", (1,)]
    for trial in range(2000):
        alloc = rng.randrange(0, 9)
        keys = list(dict.fromkeys(rng.choice(pool) for _ in range(rng.randrange(0, 9))))
        table = Table(alloc)
        expected = table.order() if table.add_all(keys) else None
        if len(keys) > alloc:
            expected = None  # (a table that grows is left to Table)
        assert fresh_order(alloc, keys) == expected, trial


def test_small_set_literals_listed_as_made_and_after_changes():
    s = set_literal(9, 1, 17, 4)  # 9, 1 and 17 all want slot 1 of 4
    assert micropython_order(s) == [4, 9, 1, 17]  # as MicroPython 1.29 prints list(s)
    s ^= {17, 30}  # an unrecorded change of the same size: caught up with
    assert sorted(micropython_order(s)) == [1, 4, 9, 30]


def test_unchanged_dict_listed_again_and_unrecorded_changes_caught():
    d = note_literal({"a": 1, "b": 2, "c": 3, "zz": 4, 1: 2}, 5)
    first = micropython_order(d)
    assert micropython_order(d) is first  # nothing changed: the same listing
    dict.pop(d, "zz")  # no record of this deletion...
    d["new"] = 5  # ...then an insertion: as many keys, another last one
    assert sorted(map(str, micropython_order(d))) == ["1", "a", "b", "c", "new"]
    dict.pop(d, "new")
    d["zz"] = 4  # the same keys as when first listed, but the last one is another object
    assert sorted(map(str, micropython_order(d))) == ["1", "a", "b", "c", "zz"]
