# "single" mode: what the REPL does with one statement
x = 10
exec(compile("x + 1", "<in>", "single"))
exec(compile("None", "<in>", "single"))
exec(compile("'text'", "<in>", "single"))
exec(compile("[x, 'y', (1,)]", "<in>", "single"))
exec(compile("x = 5", "<in>", "single"))
print(x)
exec(compile("for i in range(3): i * i", "<in>", "single"))
exec(compile("if x:\n  x\n  x * 2\n", "<in>", "single"))
exec(compile("def f(): return 7", "<in>", "single"))
exec(compile("f()", "<in>", "single"))
exec(compile("print('printed')", "<in>", "single"))
exec(compile("1; 2; x", "<in>", "single"))
print(_)
exec(compile("{'k': x}", "<in>", "single"))
print(_)
class R:
    def __repr__(self):
        return "R()"
exec(compile("R()", "<in>", "single"))
try:
    exec(compile("1\n2\n", "<in>", "single"))
except SyntaxError as e:
    print("SyntaxError", e)
