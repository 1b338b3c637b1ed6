# Dict and set listing order at many sizes (tables grown by insertion, up to thousands of keys).
def digest(seq):
    h = 0
    n = 0
    for x in seq:
        for c in repr(x):
            h = (h * 131 + ord(c)) % 1000000007
        n += 1
    return n, h


for n in (1, 2, 3, 4, 5, 7, 9, 11, 13, 18, 24, 30, 38, 48, 60, 74, 98, 128, 168, 224,
          294, 390, 522, 692, 920, 1224, 1628, 2162, 3230, 4832):
    d = {}
    for i in range(n):
        d[(i * 7919) % 100003] = i
    s = set()
    for i in range(n):
        s.add("k%d" % (i * 31 % 1009 + n))
    w = {}
    for i in range(n):
        w["w" + str(i)] = i
    if n < 20:
        print(d)
        print(s)
        print(w)
    print(n, digest(d), digest(s), digest(w), digest(w.values()), list(d)[:4], list(w.items())[:2])
big = {i * 2654435761 % 1000003: i for i in range(6000)}
print(digest(big), digest(big.items()))
print(digest({str(i) for i in range(5000)}))
print(digest(set(range(0, 30000, 13))))
