import sys


class AppError(Exception):
    pass


class DetailedError(AppError):
    def __init__(self, code, text):
        super().__init__(code, text)
        self.code = code


def level2():
    raise DetailedError(42, "deep failure")


def level1():
    try:
        level2()
    except AppError as e:
        raise RuntimeError("wrapped") from e


for fn in (level2, level1):
    try:
        fn()
    except Exception as e:
        sys.print_exception(e)
        print("args:", e.args)

try:
    raise AppError()
except AppError as e:
    sys.print_exception(e)
try:
    raise AppError("one", 2, [3])
except AppError as e:
    sys.print_exception(e)
sys.print_exception("not an exception")
sys.print_exception(None)
