import re
date = re.compile(r"(\d\d\d\d)-(\d\d)-(\d\d)")
m = date.match("2024-05-17T10")
print(m.group(1), m.group(2), m.group(3), m.group(0))
print(date.sub(r"\3/\2/\1", "on 2024-05-17 and 1999-12-31"))
print(re.sub(r"\d", lambda m: str(int(m.group(0)) * 2), "a1b2c9"))
print(re.search(r"[A-Z][a-z]+", "hello World Foo").group(0), re.match(r"\s*(\w+)", "   word").group(1))
print(re.sub(r"\.", "!", "a.b.c"), re.search(r"\bis\b" if False else "is", "this").group(0))
