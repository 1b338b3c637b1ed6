for s in ("12", " 12 ", "+5", "-0", "0x1F", "1_000", "0b1", "00", "1e3", "1.0", " ", "+", "-", "12a", "z"):
    try:
        print(repr(s), int(s))
    except ValueError as e:
        print(repr(s), "ValueError", e)
for s in ("1.5", " -2.25 ", "1e-3", "1E+3", ".5", "5.", "inf", "-nan", "1_0.5", "0x10", "1e", "", "1.2.3", "--1"):
    try:
        print(repr(s), float(s))
    except ValueError as e:
        print(repr(s), "ValueError", e)
for s, b in (("ff", 16), ("FF", 16), ("0xff", 16), ("777", 8), ("0o777", 8), ("101", 2), ("zz", 36), ("12", 3), ("0", 0), ("010", 0)):
    try:
        print(s, b, int(s, b))
    except ValueError as e:
        print(s, b, "ValueError", e)
for s in (" -12a ", "+x", " 1 2 ", "  +  ", "0x", "x1 ", "\t-5z\n"):
    try:
        int(s)
    except ValueError as e:
        print(repr(s), e)
for s in (" zz ", "-0xg", "0o9"):
    for b in (16, 8):
        try:
            int(s, b)
        except ValueError as e:
            print(repr(s), b, e)
