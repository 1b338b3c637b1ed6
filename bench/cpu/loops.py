def work(n):
    total = 0
    counts = {}
    items = []
    for i in range(n):
        total += i * i % 7
        key = i % 97
        counts[key] = counts.get(key, 0) + 1
        if i % 3 == 0:
            items.append(i)
    j = 0
    while j < len(items):
        total -= items[j] // 5
        j += 1
    return total, len(counts), len(items)
print(work(2000000))
