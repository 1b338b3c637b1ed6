for obj in ("", b"", bytearray(), [], (), {}, set(), frozenset(), 1, 1.5, 1j, range(1), True):
    names = [n for n in dir(obj) if not n.startswith("_") and n != "format"]
    print(type(obj).__name__, sorted(names))
print(sorted(n for n in dir(str) if not n.startswith("_")) == sorted(n for n in dir("") if not n.startswith("_")))
print("ljust" in dir(""), "bit_length" in dir(1), "append" in dir([]), "keys" in dir({}))
