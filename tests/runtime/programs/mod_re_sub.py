import re

print(re.sub("a", "o", "banana"), re.sub("a", "o", "banana", 2), re.sub("a", "o", "banana", 0))
print(re.sub("x", "y", "abc"), re.sub("(a)(n)", "\\2\\1", "banana"), re.sub("(a)", "\\g<1>!", "banana"))
print(re.sub("(a)|(z)", "[\\2]", "a"), re.sub("a", "\\\\", "bab"), re.sub("a", "\\n", "bab"))
print(re.sub("\\d+", lambda m: str(int(m.group(0)) * 2), "a1b22c333"))
print(re.sub("(\\w+)@(\\w+)", lambda m: m.group(2) + " at " + m.group(1), "me@home you@work"))
print(repr(re.sub("^", "X", "ab\ncd")), repr(re.sub("$", "X", "ab")), repr(re.sub("x*", "-", "abc")))
print(re.sub("^a", "X", "aaa"), re.sub("a", "", "banana"), re.sub(" +", " ", "a   b    c"))
print(re.sub(b"b", b"B", b"abcb"), re.sub("\u00e9", "e", "caf\u00e9 \u00e9t\u00e9"))
r = re.compile("o+")
print(r.sub("0", "foo boo"), r.sub(lambda m: str(len(m.group(0))), "fooo bo"), r.sub("0", "foo boo", 1))
for repl in ("\\3", "\\g<5>"):
    try:
        re.sub("(a)", repl, "a")
    except IndexError as e:
        print("IndexError", e)
try:
    re.sub("a", lambda m: 5, "a")
except TypeError as e:
    print("TypeError", e)
