s = "hello world, hello"
print(s.find("hello"), s.find("hello", 1), s.find("hello", 1, 10), s.find("zz"))
print(s.rfind("hello"), s.rfind("o", 0, 5), s.rfind("x"))
print(s.index("world"), s.rindex("l"))
print(s.count("l"), s.count("hello"), s.count(""), "".count(""))
print(s.find(""), s.rfind(""))
print(s.find("o", -5), s.find("o", -100, -3))
print(s.startswith("hell"), s.startswith(("x", "he")), s.startswith("world", 6))
print(s.endswith("hello"), s.endswith(("x", "lo")), s.endswith("world", 0, 11))
for f in (lambda: s.index("zz"), lambda: s.rindex("zz"), lambda: s.find(1),
          lambda: s.startswith(1), lambda: s.count(None)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
