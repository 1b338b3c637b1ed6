# expressions and format specs inside t-strings: subscripts, quotes, unicode, nested specs, many fields
d = {"a": 1, "b": [2, 3]}
x = 5
t = t"{d['a']}|{d['b'][1]}|{d}"
print(t.interpolations[0].expression, t.interpolations[1].expression, t.values)
t = t"{x:!<5}{x:::>4}"
print([i.format_spec for i in t.interpolations])
t = t"é{x}ü{'ß'}"
print(t.strings, t.values)
try:
    exec('t = t"""{\nx\n+ 1\n}"""')
except SyntaxError as e:
    print("SyntaxError", e)
t = t"{x!s:{x}}"
print(t.interpolations[0].format_spec)
t = t'{"nested " + "quotes"}'
print(t.values, t.interpolations[0].expression)
t = t"{x:{'>'}{x}}"
print(t.interpolations[0].format_spec)
t = t"{x=:{x}}"
print(t.strings, t.interpolations[0].format_spec, t.interpolations[0].conversion)
print(t"{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}".values)
args = ", ".join("{x}" for _ in range(40))
many = eval('t"' + args + '"')
print(len(many.values), many.strings[:3])
print(t"{x}" .strings)
