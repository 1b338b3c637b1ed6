# compile() modes: exec runs statements, eval returns the expression, single prints it
c = compile("a = 6 * 7", "f", "exec")
print(exec(c), a)
e = compile("a + 1", "f", "eval")
print(eval(e), exec(e))
print(eval(c))
s = compile("a * 2", "f", "single")
print(exec(s))
try:
    compile("a = 1", "f", "eval")
except SyntaxError as err:
    print("SyntaxError", err)
try:
    compile("1\n2", "f", "eval")
except SyntaxError as err:
    print("SyntaxError", err)
print(eval(compile("(1 +\n 2)", "f", "eval")))
try:
    compile("  (1 +\n 2)", "f", "eval")
except IndentationError as err:
    print("IndentationError", err)
print(eval(compile("[1,\n2]\n", "f", "eval")))
for mode in ("", "EXEC", "run", "evaluate"):
    try:
        compile("1", "f", mode)
    except ValueError as err:
        print("ValueError", repr(mode), err)
compile("", "f", "exec")
try:
    compile("", "f", "eval")
except SyntaxError as err:
    print("SyntaxError empty eval", err)
print(eval("1,2"), eval("3 "), eval("4\n"))
