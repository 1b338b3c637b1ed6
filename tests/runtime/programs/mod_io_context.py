import io

with io.StringIO("ctx") as c:
    print(c.read())
for op in (c.read, c.getvalue, c.readline, lambda: c.write("x")):
    try:
        print(op())
    except ValueError as e:
        print("ValueError", e)
print(c.close(), c.flush())
with io.BytesIO() as b:
    b.write(b"data")
    print(b.getvalue())
try:
    b.getvalue()
except ValueError as e:
    print("ValueError", e)
try:
    with io.StringIO() as s:
        s.write("before")
        raise KeyError("inside")
except KeyError as e:
    print("KeyError", e)
try:
    s.getvalue()
except ValueError as e:
    print("closed after exception:", e)
