import json
print(json.dumps(1e100), json.dumps(0.5), json.dumps(-0), json.dumps(2 ** 70), json.dumps("\t\x01"))
print(json.loads("1e3"), json.loads("[1.5, -2, 0]"), json.loads('{"nested": {"deep": [1, [2, [3]]]}}'))
print(json.loads('"tab\\there"'), json.loads('  [ true , false , null ]  '), json.loads('"\\/"'))
import io
s = io.StringIO()
json.dump({"a": 1}, s)
print(s.getvalue(), json.load(io.StringIO("[7]")))
