from collections import deque

d = deque((1, 2), 3)

def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("index", lambda: d[5])
attempt("negative", lambda: d[-3])
attempt("str index", lambda: d["a"])
def delete():
    del d[0]
attempt("del", delete)
attempt("no maxlen", lambda: deque(()))
attempt("no args", lambda: deque())
attempt("too many", lambda: deque((), 2, 0, 1))
attempt("keyword", lambda: deque((), maxlen=2))
attempt("negative maxlen", lambda: repr(deque((), -1)))
attempt("bad maxlen", lambda: deque((), "2"))
attempt("not iterable", lambda: deque(5, 2))
attempt("clear", lambda: d.clear())
attempt("rotate", lambda: d.rotate(1))
attempt("empty pop", lambda: deque((), 1).pop())
attempt("empty popleft", lambda: deque((), 1).popleft())
attempt("slice", lambda: d[0:1])
