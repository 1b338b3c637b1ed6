print("{}|{:5}|{:<5}|{:>5}|{:^5}|".format("a", "b", "c", "d", "e"))
print("{:d}|{:5d}|{:05d}|{:+d}|{:,}".format(1, 2, 3, 4, 1234567) if True else "")
print("{:x}|{:X}|{:#x}|{:b}|{:#b}|{:o}".format(255, 255, 255, 5, 5, 8))
print("{:.2f}|{:8.3f}|{:e}|{:.1%}|{:g}".format(3.14159, 2.5, 1234.5, 0.256, 0.00001))
print("{0}{1}{0}|{a}{b}".format("p", "q", a=1, b=2))
print("{:*^9}|{:=+6d}|{!r}|{!s}".format("mid", 42, "r", "s"))
print("{{literal}} {}".format(5), format(3.5, ".3f"), format(255, "x"), format("s", ">3"))
d = {"k": [10, 20]}
print("{:>{w}}".format("z", w=4))
