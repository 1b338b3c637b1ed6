import re

def show(m):
    if m is None:
        return None
    out = []
    i = 0
    while True:
        try:
            out.append(m.group(i))
        except IndexError:
            break
        i += 1
    return out

for p, s in (("abc", "abcdef"), ("abc", "xabc"), ("a.c", "a\nc"), ("a+", "caaat"), ("a*", "bbb"),
             ("b?c", "ac"), ("(ab)+", "ababx"), ("(a|b)*c", "abbac"), ("x(y)?z", "xz"),
             ("[a-c]+", "zzabccba"), ("[^a-c]+", "abcxyz"), ("\\d+", "ab123"), ("\\D+", "12ab3"),
             ("\\w+", "  hi_2 "), ("\\W", "ab c"), ("\\s+", "a \t\nb"), ("\\S+", "  xy "),
             ("[\\d_]+", "a1_2b"), ("[\\s,]+", "a, b"), ("a|bc|d", "xbcd"), ("(a)(b)(c)", "abc"),
             ("((a)b)", "ab"), ("(?:ab)+", "ababab"), ("a.*b", "a1b2b3"), ("a.*?b", "a1b2b3"),
             ("a+?", "aaa"), ("a??b", "ab"), ("^ab", "ab"), ("^b", "ab"), ("b$", "ab"), ("a$", "ab"),
             ("$", ""), ("^$", ""), ("[]a]", "]"), ("[a-]+", "a-a"), ("a{2}", "a{2}"), ("\\.", "a.b"),
             ("\\n", "n"), ("\\b", "b"), ("caf\u00e9", "un caf\u00e9")):
    print(repr(p), repr(s), show(re.match(p, s)), show(re.search(p, s)))
try:
    print(re.match(".", "\u00e9").group(0))
except UnicodeError as e:
    print("UnicodeError", repr(e.args))
print(len(re.match("..", "\u00e9").group(0)))
