# conversion and format-spec fields as the compiler records them
x = 42
y = 3.14159
s = "hi"
for t in (t"{x}", t"{x!r}", t"{s!s}", t"{x:>8}", t"{y:.2f}", t"{x!r:^10}",
          t"{x=}", t"{y=:.3f}", t"{x=!s}", t"{x + 1}", t"{ x }"):
    i = t.interpolations[0]
    print(repr(t.strings), repr(i.expression), repr(i.conversion), repr(i.format_spec))

width = 6
prec = 2
t = t"{y:{width}.{prec}f}"
print(repr(t.interpolations[0].format_spec))
t = t"{s:{'*'}^{width}}"
print(repr(t.interpolations[0].format_spec))
