print({"a": 1, "b": 2, "c": 3})
print({"apple": 1, "banana": 2, "cherry": 3, "date": 4, "elder": 5})
print({1: "x", 2: "y", 3: "z", 10: "w", 20: "v", 30: "u"})
d = {"k%d" % i: i for i in range(10)}
print(d)
print(list(d), list(d.values())[:3])
print({"z": 0, "y": 1})
print({x: x * x for x in (7, 3, 11, 5, 2)})
print({"name": "board", "id": 7, "ok": True, "tags": ["a"]})
