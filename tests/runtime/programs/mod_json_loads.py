import json

for s in ("null", "true", "false", "0", "-12", "1.5", "1e3", "-2.5E-2", '"s"', "[]", "{}",
          "[1, 2.0, \"x\", null]", '{"a": {"b": [true, false]}}', '  [ 1 , 2 ]  ',
          '"\\u00e9\\n\\t\\"\\\\\\/"', '"caf\u00e9"', "123456789012345678901234567890",
          '{"x": 1, "x": 2}', "[[[]]]", '"\\ud83d\\ude00"', "-0", "1E+2"):
    v = json.loads(s)
    print(repr(s), repr(v), type(v).__name__)
print(json.loads(b'{"b": 1}'), json.loads(bytearray(b"[2]")))
