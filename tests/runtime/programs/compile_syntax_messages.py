# SyntaxError messages found by the compiler, raised by compile() at run time
sources = [
    "return 1",
    "yield 2",
    "break",
    "continue",
    "await x",
    "1 = x",
    "f() = 1",
    "del f()",
    "del 1",
    "a, *b, *c = 1, 2, 3",
    "*a = 1",
    "def f(a=1, b): pass",
    "def f(a, a): pass",
    "f(**k, *a)",
    "f(a=1, 2)",
    "f(x for x in y, 1)",
    "f(1=2)",
    "def f():\n  from m import *",
    "def f():\n  x = 1\n  global x",
    "def f():\n  nonlocal q",
    "nonlocal q",
    "try:\n  pass\nexcept:\n  pass\nexcept ValueError:\n  pass",
    "{1: 2, 3}",
    "{1, 2: 3}",
    "async def f():\n  pass\nasync for x in y: pass",
    "@micropython.bogus\ndef f(): pass",
    "x = 1 +",
    "(",
    "if 1:\npass",
    "for in x: pass",
    "lambda: (yield)",
    "class C:\n  return 1",
]
for src in sources:
    try:
        compile(src, "prog", "exec")
        print(repr(src), "compiled")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, e.args)
