# without dicts, exec/eval use the caller's module globals (or its class body), not its locals
top = "module"

def func():
    local = "local"
    exec("made_in_func = 1")
    try:
        eval("local")
    except NameError as e:
        print("NameError", e)
    return eval("top")

print(func(), made_in_func)

class C:
    a = 2
    exec("b = a * 3")
    c = eval("a + b")
print(C.a, C.b, C.c)

def outer():
    exec("def inner():\n  return top + '!'\n")
    return inner()
print(outer())
exec("exec('deep = 4')")
print(deep)
print(eval("eval('1 + 1') + 1"))
print(eval("[top for _ in range(2)]"))
