d = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
for k in d:
    print(k, end=" ")
print()
for k, v in d.items():
    print(k, v, end="; ")
print()
print(list(d.keys()), list(d.values()), [k for k in d if d[k] % 2], {v: k for k, v in d.items()})
print(",".join(d), tuple(d), sorted(d.items(), key=lambda kv: kv[1]), max(d), min(d.values()))
print(list(zip(d, d.values())), dict(zip(d.values(), d)), sum(d.values()), next(iter(d)))
k = list(d)
for key in k:
    if d[key] > 3:
        del d[key]
print(d, len(d))
d["six"] = 6
d["four"] = 44
print(d, list(enumerate(d)))
try:
    for key in d:
        d[key + "!"] = 0
except RuntimeError as e:
    print("RuntimeError", e)
