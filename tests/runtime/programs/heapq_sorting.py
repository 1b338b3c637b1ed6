import heapq
data = [27, 3, 14, 8, 3, 99, -5, 0]
h = []
for x in data:
    heapq.heappush(h, x)
print([heapq.heappop(h) for _ in range(len(data))] == sorted(data))
h = list(data)
heapq.heapify(h)
print(h[0], len(h))
tasks = []
heapq.heappush(tasks, (3, "write"))
heapq.heappush(tasks, (1, "plan"))
heapq.heappush(tasks, (2, "code"))
while tasks:
    print(heapq.heappop(tasks))
