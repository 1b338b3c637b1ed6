print(True and False, True or False, not True, 0 or [] or "x", 1 and 2 and 3, None and 1)
print(1 == 1.0, "1" == 1, [] == [], [] is [], None is None, 1 is not None, type(True) == bool)
print(all(x > 0 for x in [1, 2]), any(x > 5 for x in [1, 2]), sum([True, True, False]))
x = [1, 2]
y = x
print(x is y, x == [1, 2], x is [1, 2], True + 1, -True, True * 3.5)
