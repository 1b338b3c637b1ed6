import json
print(json.dumps([1, 2.5, "s", None, True, False]), json.dumps({"a": [1, {"b": 2}]}))
print(json.dumps("quote\"and\\ and \n"), json.dumps([]), json.dumps({}))
print(json.loads("[1, 2, 3]"), json.loads('{"x": null, "y": true}'), json.loads(" 3.5 "))
print(json.loads('"\\u0041b"'), json.loads("-12"), json.loads('[[], {}]'))
for bad in ["[1,", "{'a': 1}", "nul", ""]:
    try:
        json.loads(bad)
    except ValueError as e:
        print("ValueError", repr(bad))
print(json.dumps((1, 2)), json.dumps({"k": "v"}, separators=(",", ":")))
