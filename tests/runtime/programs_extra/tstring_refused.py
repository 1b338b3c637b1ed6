# A firmware below "full features" has no t-strings: t'...' is the name t, then a string.
sources = ["x = t'a'", "x = rt'a'", "x = tr'a'", "x = T'a'", "x = 'a' t'b'",
           "print(t'{1}')", "t = 'name'\nprint(t)", "x = f'{1}' 'b'\nprint(x)"]
for src in sources:
    try:
        exec(src)
        print("compiled:", repr(src))
    except SyntaxError as e:
        print("SyntaxError:", repr(src), e)
try:
    __template__
except NameError as e:
    print("NameError:", e)
for name in ("string", "ustring", "string.templatelib"):
    try:
        __import__(name)
        print("imported", name)
    except ImportError as e:
        print("ImportError:", e)
