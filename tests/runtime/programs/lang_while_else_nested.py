found = None
for i in range(2, 30):
    for j in range(2, i):
        if i % j == 0:
            break
    else:
        found = i if found is None else found
        print("prime", i)
print(found)
matrix = [[1, 2, 3], [4, 5, 6]]
t = [[row[i] for row in matrix] for i in range(3)]
print(t)
total = 0
for row in matrix:
    for v in row:
        if v % 2:
            continue
        total += v
print(total)
