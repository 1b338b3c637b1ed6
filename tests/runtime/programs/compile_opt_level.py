# code compiled at run time follows micropython.opt_level() at the moment it is compiled
import micropython
print(micropython.opt_level())
try:
    exec("assert False, 'level 0'")
except AssertionError as e:
    print("AssertionError", e)
print(eval("__debug__"))
micropython.opt_level(1)
exec("assert False, 'stripped'")
print(eval("__debug__"))
c = compile("assert 0\nprint('after assert')", "f", "exec")
micropython.opt_level(0)
exec(c)
try:
    exec("assert 0, 'back'")
except AssertionError as e:
    print("AssertionError", e)
micropython.opt_level(3)
try:
    exec("def f():\n  1/0\nf()")
except ZeroDivisionError as e:
    import sys
    sys.print_exception(e)
