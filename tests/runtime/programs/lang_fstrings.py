name, n, f = "mpt", 42, 2.71828
print(f"{name}|{n:5}|{n:<5}|{f:.2f}|{n:x}|{n:08b}")
print(f"{name!r} {name.upper()} {n * 2} {[i for i in range(3)]} {'q' + 'uote'}")
w = 7
print(f"{n:>{w}}|{f:{w}.{2}f}|{{braces}}|{n}%")
d = {"a": 1}
print(f"{d['a']} {len(d)} {d}")
x = 10
print(f"{x=}" if False else f"x={x}", f"{x if x > 5 else 0}", f"{x:+}")
