from collections import namedtuple, deque, OrderedDict
Point = namedtuple("Point", ["x", "y"])
pts = [Point(3, 1), Point(1, 2), Point(2, 0)]
print(sorted(pts), sorted(pts, key=lambda p: p.y)[0], Point(*[5, 6]))
q = deque((), 10)
for w in "abc":
    q.append(w)
q.appendleft("z")
out = []
while q:
    out.append(q.popleft())
print(out)
od = OrderedDict()
for k in "zyx":
    od[k] = ord(k)
print(list(od), od.popitem() if hasattr(od, "popitem") else None)
