r = range(10, 0, -3)
print(list(r), len(r), r[0], r[-1], r[1:], 7 in r, 8 in r, list(reversed(r)))
print(range(-5, 5)[3], len(range(0, 100, 7)), list(range(3, -3, -1)), len(range(5, 1)))
print(range(3).start, range(1, 9, 2).stop, range(1, 9, 2).step, range(4)[::2])
print(sum(range(101)), max(range(7)), min(range(3, 9)), sorted(range(3), reverse=True))
print(range(10)[-3], list(range(0, -10, -4)))
for f in (lambda: range(), lambda: range(1, 2, 3, 4), lambda: range(5)[10]):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
