d = {"a": 1, "b": 2, "c": 3, "d": 4}
print(d.popitem(), d)
print(d.popitem(), d)
d["e"] = 5
print(d.popitem(), d)
n = {}
for i in range(10):
    n[i * 3] = i
items = []
while n:
    items.append(n.popitem())
print(items)
try:
    n.popitem()
except KeyError as e:
    print("KeyError", e)
w = dict(zip(["one", "two", "three", "four", "five"], range(5)))
k, v = w.popitem()
print(k, v, w, len(w))
