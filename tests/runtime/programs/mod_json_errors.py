import json

for s in ("", "[", "]", "{", '{"a"}', '{"a":}', "[1,]", "[1 2]", "tru", "nul", "01", "1.", ".5",
          '"abc', "'a'", "{1: 2}", "[1] x", "NaN", "Infinity", "-", "+1", '"\\x"', '"\\u12"',
          "{,}", '{"a":1,}', "[,1]", "\x01"):
    try:
        print(repr(s), repr(json.loads(s)))
    except Exception as e:
        print(repr(s), type(e).__name__, e)

class Thing:
    pass

for v in ({1, 2}, json, print, 1j, Thing):
    try:
        print(json.dumps(v))
    except Exception as e:
        print(type(e).__name__, e)
try:
    json.loads(5)
except Exception as e:
    print(type(e).__name__, e)
