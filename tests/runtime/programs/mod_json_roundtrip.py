import json

data = {"name": "sensor", "values": [1, -2, 3.25, None, True], "meta": {"unit": "\u00b0C", "ok": False}}
text = json.dumps(data)
back = json.loads(text)
print(back == data, back["meta"]["unit"], len(text))
for v in ([1, [2, [3, [4]]]], "a\"b\\c", {"": ""}, [0.1, 1e100, -1e-100]):
    print(json.loads(json.dumps(v)) == v)
print(json.dumps(json.loads('{"b": 1, "a": 2}')))
