import json

d = {"a": [1, 2], "b": None}
print(json.dumps(d))
print(json.dumps(d, separators=(",", ":")))
print(json.dumps(d, separators=(" , ", " : ")))
print(json.dumps([1, 2, 3], separators=("|", "=")))
for bad in ((",",), "ab", 5, (1, 2), [":", ","], (",", ":", ";")):
    try:
        print(json.dumps([1], separators=bad))
    except Exception as e:
        print(type(e).__name__, e)
for args in (([1], None), ([1], (";", ""))):
    try:
        print(json.dumps(*args))
    except TypeError as e:
        print("TypeError", e)
print(json.dumps((1, {"k": (2, 3)}), separators=("\n", "->")))
