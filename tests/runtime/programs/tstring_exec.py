# t-strings compiled at run time by exec, eval and compile
x = 5
t = eval('t"x is {x}"')
print(t.strings, t.values)
ns = {"y": 2}
exec('r = t"{y * 2}"', ns)
print(ns["r"].values)
code = compile('t"{x!r:>3}"', "<t>", "eval")
print(eval(code).interpolations[0].format_spec)
exec(compile('t"{x}"', "<t>", "single"))
for src in ('t"{x"', 't"{x!z}"', 't"{}"', 'ft"{x}"', 't"}"', 'tb"{x}"', 't"{x!}"', 't"{x:{y}"'):
    try:
        compile(src, "<t>", "eval")
        print(src, "compiled")
    except SyntaxError as e:
        print(src, "SyntaxError", e)
