d = {"zeta": 1, "alpha": 2, "mid": 3, "beta": 4}
s = {"kiwi", "fig", "pear", "plum"}
print("{}".format(d), f"{d}", f"{d!r}", f"{d!s}", "{0} {0!r}".format(s))
print(f"{-1j} {complex(0, 2)} {1 + 2j} {KeyError('k')} {ValueError('v', 2)} {[d]} {(s,)}")
print(f"{len}"[:10], "{}".format(print)[:10], f"{None} {True} {3} {2.5} {'s'} {b'b'}")
class P:
    pass
class Q:
    def __format__(self, spec):
        return "Q<" + spec + ">"
    def __str__(self):
        return "Q!"
class N(int):
    pass
print(f"{P()}"[:9], "{!r}".format(P())[:9], f"{Q()} {Q()!s} {N(5)}")
print("{:>8}|{:<6.1f}|{:^5}|".format(1 + 1j, 2.75, "ab"), "{a}{b}".format(a=d, b=[1, "x"]))
for f in (lambda: "{:d}".format([1]), lambda: "{:>30}|".format(d), lambda: "{:5}".format(None),
          lambda: f"{len:>9}", lambda: "{:x}".format(s), lambda: "{:<4}".format(d), lambda: "{:s}".format(d),
          lambda: "{:>4}|".format(Q()), lambda: "{:03d}".format(N(5))):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print("{0[1]} {1[alpha]}".format([5, 6], d))
