print(",".join(["a", "b", "c"]), "".join([]), "-".join("xyz"), "+".join(("1",)))
print("ab" + "cd", "ab" * 3, 3 * "ab", "ab" * 0, "ab" * -1)
s = "x"
s += "y"
s *= 2
print(s)
print("b" in "abc", "" in "abc", "d" not in "abc")
print("abc"[1], "abc"[-1], "abcdef"[1:4], "abc"[5:])
print(len("héllo"), len(""), "héllo"[1], "héllo"[-4:])
for f in (lambda: ",".join([1, 2]), lambda: "a" + 1, lambda: 1 + "a", lambda: "abc"[5], lambda: "abc"["x"], lambda: "abc"[1.0],
          lambda: "a" < 1, lambda: 1 in "abc", lambda: "abc".__setitem__(0, "x")):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
try:
    s = "abc"
    s[0] = "x"
except Exception as e:
    print(type(e).__name__, e)
try:
    del s[0]
except Exception as e:
    print(type(e).__name__, e)
