# List/dict/set comprehensions and generator expressions, nested, with conditions.
data = [1, 2, 3, 4, 5]
squares = [x * x for x in data]
evens = [x for x in data if x % 2 == 0 if x > 1]
pairs = [(x, y) for x in data for y in data if x < y]
dct = {x: x * 2 for x in data}
st = {x % 3 for x in data}
gen = (x + 1 for x in data)
total = sum(x for x in data)
nested = [[y for y in range(x)] for x in data]

def in_func(n):
    m = 2
    return [x * m for x in range(n)], {k: m for k in data}, list(z + n for z in data)

def closure_comp():
    acc = []
    res = [acc.append(i) or i for i in range(3)]
    return acc, res

walrus = [y for x in data if (y := x * 3) > 6]
print(squares, evens, pairs, dct, st, list(gen), total, nested, in_func(3), closure_comp(), walrus, y)
