s = "one two one two one"
print(s.find("two"), s.find("two", 5), s.find("x"), s.rfind("one"), s.count("one"), s.count("one", 1))
print(s.replace("one", "1"), s.replace("one", "1", 2), s.replace("", "-") if False else "", s.index("one", 1))
print("abc".find(""), "abc".rfind(""), "".find(""), "aaa".replace("a", "aa"), "aaaa".count("aa"))
