# Dict- and set-heavy work: tables that grow, shrink and are iterated while they change.
def word_index(n):
    index = {}
    seen = set()
    total = 0
    for i in range(n):
        word = "w" + str(i * 7919 % 4099)
        index[word] = index.get(word, 0) + i
        seen.add(i % 1531)
        if i % 150 == 0:
            for k in index:
                total += index[k] & 7
            for k, v in index.items():
                total += v & 3
            for s in seen:
                total += s & 1
        if i % 3 == 0 and word in index:
            del index[word]
            seen.discard(i % 1531)
    return total, len(index), len(seen)


def graph_walk(n):
    edges = {}
    for i in range(n):
        edges[i] = {(i * 7 + 1) % n, (i * 13 + 5) % n, (i * 31 + 2) % n}
    visited = set()
    frontier = {0}
    steps = 0
    while frontier:
        nxt = set()
        for node in frontier:
            visited.add(node)
            for m in edges[node]:
                if m not in visited:
                    nxt.add(m)
        frontier = nxt
        steps += 1
    return steps, len(visited)


def churn(n):
    d = {}
    acc = 0
    for r in range(n):
        for i in range(64):
            d[(r * 64 + i) % 997] = r
        for k in [k for k in list(d.keys()) if (k + r) % 3 == 0]:
            del d[k]
        acc += sum(d.values()) + len({k % 17 for k in d})
        acc += len({k: v for k, v in d.items() if k & 1})
    return acc


print(word_index(60000))
print(graph_walk(30000))
print(churn(1500))
