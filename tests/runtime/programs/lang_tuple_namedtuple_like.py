def stats(xs):
    return min(xs), max(xs), sum(xs) / len(xs)
lo, hi, mean = stats([4, 8, 15, 16, 23, 42])
print(lo, hi, mean)
pairs = list(zip("abc", range(3)))
letters, nums = zip(*pairs)
print(letters, nums)
t = ((1, 2), (3, 4))
print([a * b for a, b in t], dict(t), sorted(t, reverse=True))
