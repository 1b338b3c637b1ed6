for v in [0, 1, -1, 255, -256, 2 ** 40]:
    print(v, bin(v), oct(v), hex(v), "%x" % v, "{:o}".format(v), str(v), repr(v))
print(int("+5"), int("-0"), int("0b101", 0), int("0o7", 0), int("0X1F", 16), int("1_0"))
