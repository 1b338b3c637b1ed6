# `exc.__traceback__ = None` is the one store a built-in exception takes: it drops the
# traceback gathered so far, so an exception raised again shows only its latest raise
import io
import sys

saved = ValueError("again")


def first():
    raise saved


def second():
    raise saved


def show(exc):
    buf = io.StringIO()
    sys.print_exception(exc, buf)
    for line in buf.getvalue().split("\n"):
        print(line.split('"')[-1])  # without the file name


for fn in (first, second):
    try:
        fn()
    except ValueError:
        pass
show(saved)  # both raises
saved.__traceback__ = None
try:
    second()
except ValueError:
    pass
show(saved)  # the last one only
for attr, value in (("__traceback__", 1), ("note", None)):
    try:
        setattr(saved, attr, value)
    except AttributeError:
        print("AttributeError", attr)
