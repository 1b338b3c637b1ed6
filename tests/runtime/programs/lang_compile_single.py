code = compile("1 + 2", "<s>", "single")
exec(code)
exec(compile("x = 5", "<s>", "single"))
print(x)
exec(compile("x * 2", "<s>", "single"))
exec(compile("None", "<s>", "single"))
exec(compile("'text'", "<s>", "single"))
exec(compile("[1, 'a', None]", "<s>", "single"))
e = compile("x + 100", "<e>", "eval")
print(eval(e))
ex = compile("for i in range(2):\n    print('loop', i)\n", "<x>", "exec")
exec(ex)
try:
    compile("1 +", "<bad>", "exec")
except SyntaxError:
    print("SyntaxError")
try:
    compile("1", "<m>", "bogus")
except ValueError as v:
    print("ValueError", v)
