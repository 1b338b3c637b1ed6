import json
import io

s = io.StringIO()
json.dump({"a": [1, 2]}, s)
json.dump([None], s, separators=(",", ":"))
print(s.getvalue())
src = io.StringIO('{"k": "v", "n": [1, 2, 3]}')
print(json.load(src))
print(json.load(io.StringIO("  [1]  ")))
b = io.BytesIO(b'{"x": 1.5}')
print(json.load(b))
try:
    json.load(io.StringIO("[1] [2]"))
except ValueError as e:
    print("ValueError", e)
try:
    json.dump([1], 5)
except Exception as e:
    print(type(e).__name__)

class Writer:
    def __init__(self):
        self.parts = []
    def write(self, text):
        self.parts.append(text)

w = Writer()
for f in (lambda: json.dump({"z": [True]}, w), lambda: json.load(w)):
    try:
        f()
    except OSError as e:
        print("OSError", e)
