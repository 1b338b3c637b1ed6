import json

s = "gr\u00fc\u00df \u4e2d\u6587 \U0001f642 \u00a0"
d = json.dumps(s)
print(d, len(d))
print(json.loads(d) == s)
print(json.dumps({"\u00e9": ["\u00f1", 1]}))
print(json.loads('"\\u00fc\\u4e2d"'), json.loads('"\\u0041\\u0062"'), repr(json.loads('"\\u0000"')))
print(json.loads('"\\b\\f\\n\\r\\t\\/\\\\\\""') == "\b\f\n\r\t/\\\"")
print(repr(json.dumps("\b\f")), json.dumps("tab\there"))
print(json.loads(b'"caf\xc3\xa9"'), json.loads("[\"\u00e9\"]"))
print(json.dumps(["\u2028", "\x7f"]) == '["\u2028", "\x7f"]')
