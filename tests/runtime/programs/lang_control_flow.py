for i in range(5):
    if i == 3:
        break
else:
    print("no break")
for i in range(2):
    pass
else:
    print("loop else", i)
n = 0
while n < 10:
    n += 3
    if n == 6:
        continue
    print("n", n)
else:
    print("while else")
x = 5
print("big" if x > 3 else "small", x if x else 0, not x, x and 0, x or 0, None or "d")
def fact(k):
    return 1 if k <= 1 else k * fact(k - 1)
print(fact(12))
i = 0
while True:
    i += 1
    if i > 100:
        break
print(i)
