import re

r = re.compile("(\\d+)-(\\d+)")
m = r.match("10-20 30-40")
print(m.group(0), m.group(1), m.group(2), m)
print(r.search("x 5-6").group(2), r.match("x 5-6"))
print(r.match("ab12-3", 2).group(0), r.search("12-3 45-6", 3).group(0), r.match("12-3", 0, 3))
print(r.search("1-2 3-4", 100), r.match("1-2", -5).group(0))
print(re.compile("^b").match("ab", 1), re.compile("b$").search("abc", 0, 2).group(0))
words = re.compile(",")
print(words.split("a,b,,c"), words.split("a,b,c", 1), words.split("", 0), words.split("abc"))
print(re.compile(" +").split(" a  b "), re.compile("x*").split("axbxxc"), re.compile("$").split("ab"))
print(re.compile(b",").split(b"1,2"))
try:
    re.compile("(,)").split("a,b")
except NotImplementedError as e:
    print("NotImplementedError", e)
print(type(r).__name__, type(m).__name__)
print(re.compile("a", 0).match("a").group(0), re.match(r, "7-8").group(1))
for name in ("groups", "span", "start", "end", "groupdict"):
    print(name, hasattr(m, name))
for name in ("split", "findall", "fullmatch", "escape", "IGNORECASE", "I", "DEBUG", "finditer", "purge"):
    print(name, hasattr(re, name))
print(hasattr(r, "findall"), hasattr(r, "pattern"), hasattr(r, "flags"))
