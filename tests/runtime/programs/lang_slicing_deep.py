s = list(range(10))
print(s[2:8:2], s[8:2:-2], s[::-3], s[-3:], s[:-7], s[100:], s[-100:2])
print(s[5:1], s[::1][:0], s[1:-1:3])
t = tuple(s)
print(t[1:4], t[-3:], t[::1], t[2:5:1])
st = "abcdefghij"
print(st[1:4], st[-4:-1], st[:100], st[0:10:1])
b = b"0123456789"
print(b[2:5], b[5], b[-1:])

def attempt(label, fn):
    try:
        print(label, fn())
    except NotImplementedError as e:
        print(label, "NotImplementedError", e)
    except ValueError as e:
        print(label, "ValueError", e)

attempt("tuple step", lambda: t[::2])
attempt("tuple neg step", lambda: t[::-1])
attempt("str reverse", lambda: st[::-1])
attempt("bytes step", lambda: b[1::3])
attempt("bytearray step", lambda: bytearray(b"abcd")[::2])
attempt("range step", lambda: range(10)[::3])
attempt("list step 0", lambda: s[::0])

ba = bytearray(b"hello")
ba[1:3] = b"EY"
print(ba)
l = list(range(6))
l[1:3] = ["a", "b", "c", "d"]
print(l)
l[2:4] = []
print(l)
del l[:2]
print(l)
l[len(l):] = [7, 8]
print(l)
def step_store():
    l[::2] = [0, 0, 0]
    return l
def step_del():
    del l[::2]
    return l
def ba_step_store():
    ba[::2] = b"xyz"
    return ba
attempt("list step store", step_store)
attempt("list step del", step_del)
attempt("bytearray step store", ba_step_store)
l[:] = []
print(l)
m = memoryview(b"abcdef")
print(bytes(m[1:4]), m[2])
