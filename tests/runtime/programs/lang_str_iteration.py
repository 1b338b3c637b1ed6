s = "héllo wörld"
print(len(s), [c for c in s if c not in "aeiou "], s[1], s[-4], s.find("ö"), s.split("ö"))
print(list("abc"), "".join(reversed("abc")), sorted("banana"), "abc"[::1], max("hello"), min("hello"))
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items()))
print("x".join(str(i) for i in range(4)), ord("€"), chr(8364), "€".encode(), b"\xe2\x82\xac".decode())
