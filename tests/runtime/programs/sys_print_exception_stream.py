import sys
import io


def fail(n):
    if n == 0:
        raise ValueError("bottom", n)
    fail(n - 1)


try:
    fail(2)
except ValueError as e:
    buf = io.StringIO()
    sys.print_exception(e, buf)
    text = buf.getvalue()
    print(text.splitlines()[0])
    print(len(text.splitlines()))
    print(text.splitlines()[-1])
    sys.print_exception(e)
    sys.print_exception(e, sys.stdout)

try:
    raise KeyError("k")
except KeyError as e:
    sys.print_exception(e)

e = OSError(2, "missing")
sys.print_exception(e)
sys.print_exception(RuntimeError())
sys.print_exception(StopIteration(5))
