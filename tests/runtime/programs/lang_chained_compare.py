x = 5
print(1 < x < 10, 1 < x > 10, x == 5 == 5.0, 0 <= x < 5, "a" < "b" < "c")
print(1 in [1] in [[1]], (1 < 2) == True, not 1 == 2, 3 != 3.0, [1, 2] == [1, 2] != [3])
def val(v):
    print("eval", v)
    return v
print(val(1) < val(2) < val(0) < val(3))
