def build(n):
    words = []
    for i in range(n):
        s = "w" + str(i * 7919 % 10007)
        words.append(s.upper() if i % 2 else s)
    words.sort()
    text = ",".join(words)
    parts = text.split(",")
    counts = {}
    for p in parts:
        c = p[1] if len(p) > 1 else ""
        counts[c] = counts.get(c, 0) + 1
    return len(text), sorted(counts.items())[:3]
print(build(400000))
