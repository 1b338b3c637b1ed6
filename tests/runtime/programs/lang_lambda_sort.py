people = [("ann", 30), ("bob", 25), ("cid", 30), ("dee", 22)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(max(people, key=lambda p: p[1]), min(people, key=lambda p: p[0]))
l = [5, 2, 8, 1]
l.sort(reverse=True)
print(l, sorted("bAcD", key=lambda c: c.lower()), sorted([3, 1, 2], key=None))
compose = lambda f, g: lambda x: f(g(x))
print(compose(lambda x: x + 1, lambda x: x * 2)(5))
