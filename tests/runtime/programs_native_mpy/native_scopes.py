# exec, eval, globals() and locals() called from native code reach its module
import micropython

value = 5


@micropython.native
def run_code():
    exec("def made(): return value * 2")
    print(eval("value + 1"), made())
    print(eval("value", {"value": 7}), "value" in globals(), locals() is globals())
    exec("value = 9", None, {})
    print(value)
    exec("value = 11")
    print(value)


run_code()
