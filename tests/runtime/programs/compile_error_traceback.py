# the traceback of a SyntaxError from compile/exec/eval names the offending source line
import sys

def show(fn):
    try:
        fn()
    except SyntaxError as e:
        sys.print_exception(e)

show(lambda: exec("a = 1\nb = = 2\n"))
show(lambda: eval("1 +"))
show(lambda: compile("x = 1\n\ny = (\n", "mine.py", "exec"))
show(lambda: compile("def f():\n  return 1\nreturn 2", "ret.py", "exec"))
show(lambda: compile("def g():\n  yield\n  nonlocal zz", "nl.py", "exec"))
show(lambda: exec("if 1:\n  x = 1\n   y = 2"))

def nested():
    exec("class C:\n  def m(self):\n    break\n")
show(nested)
# uncaught: the program's own line and the compiled source's line
exec("ok = 1\n\n\n1 = ok")
