pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (1, -5), (-1, 5)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b))
for a, b in [(7.5, 2), (-7.5, 2), (7.5, -2), (-0.5, 1)]:
    print(a, b, a // b, a % b)
for e in ("1 // 0", "1 % 0", "1.0 / 0", "divmod(1, 0)", "0 ** -1"):
    try:
        print(eval(e))
    except ZeroDivisionError as z:
        print(e, "->", z)
print(-2 ** 2, (-2) ** 2, 2 ** -1, 2 ** 0.5)
print(round(2.5), round(3.5), round(-2.5), round(1.25, 1), round(7, -1))
print(int(-3.9), int(3.9), int(-0.5))
print(10 / 4, 10 / 5, -9 / 2)
