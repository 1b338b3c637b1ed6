import json
doc = {"name": "board", "pins": [1, 2, 3], "cfg": [True, None, 0.25]}
s = json.dumps(doc)
print(s)
back = json.loads(s)
print(back == doc, back["cfg"][2], type(back["pins"]).__name__)
print(json.dumps([[1, [2]], {"a": []}]), json.loads("[" + ",".join(str(i) for i in range(5)) + "]"))
print(json.loads('"\\u263a"') == "\u263a", json.dumps(1.0), json.dumps(-1.5e-5))
