# MicroPython lists dict and set items in hash-table order, not insertion order
print({'a': 1, 'b': 2, 'c': 3, 'zz': 4, 1: 2})
print({'name': 'x', 'age': 3, 'city': 'y', 'zip': 12345})
counts = {}
for w in "the quick brown fox jumps over the lazy dog again and again".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
print({i: i * i for i in range(12)})
print(dict(a=1, b=2, c=3, d=4))
print({-1: 'neg', 5: 'five', 100: 'h', 7: 's'})
print({'x', 'y', 'z'}, {3, 1, 2}, {'red', 'green', 'blue', 'cyan'})
nested = {'outer': {'k1': [1, 2], 'k2': {'p', 'q', 'r'}}, 'list': [{'u': 1, 'v': 2, 'w': 3}]}
print(nested)
d = {'name': 'x', 'age': 3, 'city': 'y', 'zip': 12345}
for k in d:
    print(k)
for k, v in d.items():
    print(k, v)
print([v for v in d.values()], [k for k in d.keys()], [e for e in {'x', 'y', 'z'}])
