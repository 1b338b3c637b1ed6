import re

for p in ("[", "[abc", "(", "(a", ")", "a)", "a)b", "*", "a**", "+a", "?", "a|*", "^*", "$+",
          "(?P<n>a)", "(?i)a", "(?=a)", "\\", "a\\", "[a-", "(*)", "a{1,2}", "()", "(|a)", "a||b"):
    try:
        r = re.compile(p)
        m = r.search("xa{1,2}")
        print(repr(p), "ok", None if m is None else m.group(0))
    except ValueError as e:
        print(repr(p), "ValueError", e)
m = re.match("(a)(b)?", "a")
for n in (0, 1, 2, 3, -1):
    try:
        print(n, m.group(n))
    except IndexError as e:
        print(n, "IndexError", e)
for bad in (lambda: m.group(), lambda: m.group("1"), lambda: re.match("a"), lambda: re.match(5, "a"),
            lambda: re.search("a", 5), lambda: re.compile("a").match("a", "x"), lambda: re.sub("a", "b")):
    try:
        print(bad())
    except TypeError as e:
        print("TypeError", e)
