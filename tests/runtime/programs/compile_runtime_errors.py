# exceptions raised while running compiled code carry its file name and lines
import sys
try:
    exec("a = 1\nb = 0\nc = a / b\n")
except ZeroDivisionError as e:
    sys.print_exception(e)
code = compile("def f(x):\n    return x[3]\n\nf([1])\n", "lib.py", "exec")
try:
    exec(code)
except IndexError as e:
    sys.print_exception(e)
try:
    eval(compile("undefined_name", "ev.py", "eval"))
except NameError as e:
    sys.print_exception(e)
try:
    exec("raise ValueError('from exec')")
except ValueError as e:
    print(repr(e))
def call():
    eval("int('x')")
try:
    call()
except ValueError as e:
    sys.print_exception(e)
exec(compile("def boom():\n    raise KeyError('k')\n", "boom.py", "exec"))
boom()
