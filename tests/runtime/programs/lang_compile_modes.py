exec(compile("5 * 5", "", "single"))
print(_)
exec(compile("'a'; 'b'", "", "single"))
r = eval(compile("7", "", "single"))
print(r)
print(exec(compile("3", "", "eval")))
print(eval(compile("x = 1", "", "exec")))
try:
    compile("x = 1\ny = 2", "<s>", "single")
except SyntaxError as e:
    print("SE", type(e).__name__, e.args)
try:
    eval("1 +")
except SyntaxError as e:
    print("SE", type(e).__name__, e.args)
def f():
    exec(compile("4", "", "single"))
f()
g = {}
exec(compile("v = 2\nv * 21", "<m>", "single"), g)
print(g["v"], _)
print(eval("(lambda q: q + 1)(1)"))
try:
    exec(" x = 1")
except IndentationError as e:
    print("IndentationError", e.args)
