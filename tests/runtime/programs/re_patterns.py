import re
tests = [("a.c", "abc"), ("^ab*$", "abbb"), ("a|b", "b"), ("[^0-9]+", "abc1"),
         ("(ab)+", "ababx"), ("\\d\\s\\w", "1 x"), ("x?y", "y"), ("a*?b", "aaab")]
for p, s in tests:
    try:
        m = re.match(p, s)
        print(p, "->", m.group(0) if m else None)
    except Exception as e:
        print(p, "error", type(e).__name__)
print(re.sub("(a)", "<\\1>", "banana"), re.sub("[aeiou]", "", "education"))
m = re.search("(?:x)(y)", "zxy")
print(m.group(1))
