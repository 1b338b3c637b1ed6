def qsort(l):
    if len(l) <= 1:
        return l
    p = l[0]
    return qsort([x for x in l[1:] if x < p]) + [p] + qsort([x for x in l[1:] if x >= p])
import random
random.seed(3)
data = [random.randint(0, 100) for _ in range(30)]
print(qsort(data) == sorted(data))
def bsearch(l, x):
    lo, hi = 0, len(l)
    while lo < hi:
        mid = (lo + hi) // 2
        if l[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo
s = [1, 3, 5, 7, 9]
print([bsearch(s, v) for v in [0, 1, 4, 9, 10]])
primes = [n for n in range(2, 50) if all(n % d for d in range(2, int(n ** 0.5) + 1))]
print(primes)
print([list(t) for t in zip(*[[1, 2, 3], [4, 5, 6]])])
