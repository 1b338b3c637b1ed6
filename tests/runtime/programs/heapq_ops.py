import heapq
h = []
for v in [5, 1, 8, 3, 2, 9]:
    heapq.heappush(h, v)
print(h[0], [heapq.heappop(h) for _ in range(6)])
l = [9, 4, 7, 1]
heapq.heapify(l)
print(l[0], heapq.heappop(l), heapq.heappop(l))
h = [(2, "b"), (1, "a")]
heapq.heapify(h)
print(heapq.heappop(h))
try:
    heapq.heappop([])
except IndexError as e:
    print("IndexError")
