items = [("apple", 1.5, 3), ("kiwi", 0.25, 12), ("melon", 3.0, 1)]
for name, price, qty in items:
    print(f"{name:<8}|{price:>6.2f}|{qty:03d}|{price * qty:8.3f}")
n = 255
print(f"{n:#x} {n:#o} {n:#b} {n:x} {n:X} {n:>8b} {n:08b}")
print(f"{n!r} {'q'!r} {'q'!s} {3.5!s}")
width, prec = 12, 4
print(f"[{3.14159265:{width}.{prec}f}]", f"[{'s':^{width}}]")
print(f"{'a' + 'b'}", f"{1}{2}{3}", f"{[i for i in range(3)]}")
print(f"{10 / 4:.1f}", f"{-1.5:+}", f"{1e-7}", f"{2 ** 0.5:.10f}")
d = {"key": "val"}
print(f"{d['key']}", f"{d}", f"{ {1: 2} }")
