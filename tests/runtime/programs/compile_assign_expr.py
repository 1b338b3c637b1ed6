# assignment expressions: where := is allowed, checked when compiled
ok = [
    "(y := 5)",
    "[z := 1, z + 1]",
    "f(w := 3)",
    "print([(j := i) for i in range(2)], j)",
    "if (n := 4) > 3: print('n', n)",
]
bad = [
    "x := 1",
    "(a.b := 1)",
    "(a[0] := 1)",
    "((a, b) := (1, 2))",
    "def f(): (x := 1) := 2",
    "[i := 0 for i in range(2)]",
    "[j for i in range(2) if (i := 1)]",
    "(lambda: x := 1)",
    "(1 := 2)",
]
def f(v):
    return v
for src in ok:
    exec(src)
print(y, z, w)
for src in bad:
    try:
        compile(src, "ae", "exec")
        print(repr(src), "compiled")
    except SyntaxError as e:
        print(repr(src), "SyntaxError", e)
