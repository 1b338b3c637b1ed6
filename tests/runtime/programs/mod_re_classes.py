import re

def first(p, s):
    m = re.search(p, s)
    return None if m is None else m.group(0)

for p in ("[abc]+", "[a-cx-z]+", "[^ ]+", "[\\d.]+", "[\\w-]+", "[-a]+", "[a\\-z]+", "[\\]]", "[.]",
          "[*+?]+", "[\\S]+", "[^\\s]+", "[^\\d\\s]+", "[A-Z][a-z]*", "[0-9a-fA-F]+", "[\\\\]"):
    print(p, first(p, " zebra x-ray 3.14 Hello 0xFF ]. *?+ a\\b"))
try:
    print(first("[\u00e9]", "caf\u00e9"))
except UnicodeError:
    print("UnicodeError: a class holds bytes, not characters")
print(first("\\w+", "na\u00efve"))
print(first("(\\d+)\\s*([a-z]+)", "size: 10   kb"), first("a.b", "a\tb"), first("a\\sb", "a\nb"))
