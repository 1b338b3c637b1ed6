import heapq

h = []
for v in (5, 3, 8, 1, 9, 2, 7):
    heapq.heappush(h, v)
    print(h)
print([heapq.heappop(h) for _ in range(len(h))], h)
data = [9, 4, 7, 1, 8, 2, 6]
heapq.heapify(data)
print(data)
print(heapq.heappop(data), data)
words = ["pear", "apple", "fig", "kiwi"]
heapq.heapify(words)
print(words, heapq.heappop(words))
pairs = []
for item in ((3, "c"), (1, "a"), (2, "b"), (1, "z")):
    heapq.heappush(pairs, item)
print([heapq.heappop(pairs) for _ in range(4)])
fl = [2.5, -1.0, 3]
heapq.heapify(fl)
print(fl, heapq.heappop(fl))
print(heapq.heappush(h, 1), heapq.heapify([]))
