s = "a,b,c,d"
print(s.split(",", 0), s.split(",", -1), s.rsplit(",", 0), s.rsplit(",", -1), s.split(",", 10))
print(" a b ".split(None, 1), " a b ".split(None, 0), "a  b".split(" ", 1), "".rsplit(","))
print("xxaxx".strip(""), "  ".strip(), "ab".lstrip("ba"), "ab".rstrip("ab"))
print("ab".center(5), "ab".center(6), "abc".center(6), "abc".center(0), "".center(3) + "|")
print("aaa".replace("a", "b", -1), "aaa".replace("a", "b", 0), "aaa".replace("", "-", 2), "abab".replace("ab", ""))
print("abcabc".startswith(("x", "bc"), 1), "abcabc".endswith("ab", 0, 5), "abc".startswith("", 3))
print("aaaa".count("aa"), "abcabc".index("c", 3), "abcabc".rindex("a", 0, 3), "abc".find("c", -1), "abc".rfind("a", -2))
print("abc".find("b", 5), "abc".count("", 1), "a\nb\r\nc\n".splitlines(), "\n".splitlines(), "".splitlines())
print("a=b=c".partition("x"), "a".rpartition("a"), "ab".partition("b"), "1 2 3".rsplit(" ", 1))
print("Hello"[::1], "Hello"[1:-1], "Hello"[-100:100], "Hello"[3:1], "é€𝄞"[2], len("é€𝄞"))
for f in (lambda: "abc".index("d", 1), lambda: "abc".split(None, "x"), lambda: "abc".center("5"),
          lambda: "abc".replace("a"), lambda: "abc".startswith(), lambda: "a".join("b", "c")):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
for w in range(0, 9):
    print(repr("odd".center(w)), repr("even".center(w)), repr("é".center(w)))
try:
    "x".center(5, "*")
except TypeError as e:
    print("TypeError", e)
