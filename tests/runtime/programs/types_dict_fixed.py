import errno
table = errno.errorcode
print(type(table).__name__, isinstance(table, dict), len(table) > 5, table[errno.ENOENT])
before = dict(table)
def attempt(label, f):
    try:
        f()
        print(label, "changed")
    except TypeError as e:
        print(label, "TypeError", repr(str(e)))
attempt("setitem", lambda: table.__setitem__(999, "X"))
attempt("pop", lambda: table.pop(errno.EIO))
attempt("popitem", lambda: table.popitem())
attempt("clear", lambda: table.clear())
attempt("update", lambda: table.update({1: "Y"}))
attempt("setdefault", lambda: table.setdefault(1234, "Z"))
def assign():
    table[5] = "no"
def delete():
    del table[errno.EIO]
attempt("assign", assign)
attempt("delete", delete)
print(table == before, table.get(errno.EEXIST), sorted(table)[:3], errno.EEXIST in table)
c = table.copy()
c[1000] = "mine"
print(type(c).__name__, len(c) == len(table) + 1)
