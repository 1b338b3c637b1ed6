def t(label, fn):
    try:
        print(label, fn())
    except BaseException as e:
        print(label, "EXC", type(e).__name__, e)
x = 10
def f():
    return x
def g():
    x = 20
    def h():
        return x
    return h
t("global read", f)
t("closure read", lambda: g()())
def shadow_param(x=x):
    x += 1
    return x
t("param shadow", shadow_param)
t("global after", lambda: x)
def cond_local(flag):
    if flag:
        y = 1
    return y
t("cond local set", lambda: cond_local(True))
t("cond local unset", lambda: cond_local(False))
def loop_var_after():
    for i in range(0):
        pass
    return i
t("loop var unset", loop_var_after)
def except_var():
    e = "before"
    try:
        raise ValueError
    except ValueError as e:
        pass
    return e
t("except var deleted", except_var)
def nested_class_scope():
    v = "fn"
    class Inner:
        v = "class"
        w = v
        def m(self):
            return v
    return Inner.w, Inner().m()
t("class in function", nested_class_scope)
def comprehension_sees_enclosing():
    base = 5
    return [base + i for i in range(2)]
t("comp enclosing", comprehension_sees_enclosing)
def del_then_global():
    global x
    x = 30
    del x
    return "deleted"
t("del global", del_then_global)
t("x gone", lambda: x)
