import json

for v in (None, True, False, 0, -5, 12345678901234567890, 1.5, -0.25, 1e20, 1e-7, "", "abc",
          [], {}, (), [1, [2, [3]]], (1, 2), {"a": 1}, [None, True, "x"]):
    print(json.dumps(v))
print(json.dumps({"k": [1, 2, {"n": None}]}))
print(json.dumps("quote\" backslash\\ nl\n tab\t cr\r"))
print(json.dumps("\x00\x01\x1f\x7f"))
print(json.dumps("caf\u00e9 \u20ac \U0001f600"))
print(json.dumps(b"bytes"))
print(json.dumps(bytearray(b"ba")))
print(json.dumps({1: 2, 30: 3}), json.dumps({(1, 2): 0}), json.dumps({None: 1}))
print(json.dumps({"nested": {"deeper": {"deepest": []}}}))
print(json.dumps(float("inf")), json.dumps(float("nan")), json.dumps(-float("inf")))
