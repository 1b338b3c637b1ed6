x, y, name = 42, 3.14159, "mpt"
print(f"{x} {y} {name}", f"{x:5}|{x:<5}|{x:^7}|", f"{y:.2f} {y:8.3f} {y:e}")
print(f"{x:x} {x:#b} {x:o} {x:08d} {-x:+d}", f"{name!r} {name:>6} {name:*<6}")
print(f"{x + 1} {[x, y]} {x * 2:4d} {'nested'}", f"{{literal}} {x}")
w = 10
print(f"{name:>{w}}|", f"{y:.{3}f}", f"{x!s:>4}")
d = {"k": 1}
print(f"{d['k']} {len(name)} {name.upper()}")
print(f"{1.0} {1e20} {0.1 + 0.2} {True} {None} {b'x'}")
