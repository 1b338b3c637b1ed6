# IndentationError is a SyntaxError subclass, raised for bad indentation
cases = [
    " x = 1",
    "if 1:\n    a = 1\n  b = 2",
    "if 1:\n  a = 1\n    b = 2",
    "def f():\nreturn 1",
    "if 1:\n\ta = 1\n        b = 2",
    "while 1:\n  pass\n pass",
]
for src in cases:
    try:
        exec(src)
        print(repr(src), "ran")
    except IndentationError as e:
        print(repr(src), "IndentationError", e)
    except SyntaxError as e:
        print(repr(src), "SyntaxError", e)
print(issubclass(IndentationError, SyntaxError))
try:
    exec("  1")
except SyntaxError as e:
    print(type(e).__name__, isinstance(e, IndentationError))
