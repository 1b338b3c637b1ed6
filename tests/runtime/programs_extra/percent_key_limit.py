# a %(key) of a %-format is interned as a name: more than 255 bytes is refused
for n in (255, 256):
    key = "k" * n
    for template in ("%(" + key + ")d", "%%(" + key + ")d", "x%%%(" + key + ")s"):
        try:
            print(len(template % {key: n}))
        except (RuntimeError, KeyError, TypeError) as e:
            print(type(e).__name__, e if type(e) is RuntimeError else "")
key = "\u00e9" * 128
try:
    print(("%(" + key + ")s") % {key: 1})
except RuntimeError as e:
    print("RuntimeError", e)
