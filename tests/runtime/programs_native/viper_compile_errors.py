# viper's compile-time errors, as the firmware's compiler gives them


def check(code):
    try:
        exec(code)
    except (SyntaxError, ViperTypeError, NotImplementedError) as e:
        print(type(e).__name__, e)


check("@micropython.viper\ndef f(x: int):\n    x = 'a'\n")
check("@micropython.viper\ndef f(x: int, y: uint):\n    z = x < y\n")
check("@micropython.viper\ndef f(x: int) -> int:\n    return [x]\n")
check("@micropython.viper\ndef f(x: uint):\n    z = x // 2\n")
check("@micropython.viper\ndef f(x: int):\n    z = x[0]\n")
check("@micropython.viper\ndef f(p: ptr8):\n    p[0] = None\n")
check("@micropython.viper\ndef f(x: float):\n    pass\n")
check("@micropython.viper\ndef f(x: int):\n    z = not x\n")
check("@micropython.viper\ndef f(x: int):\n    return x\n")
check("@micropython.viper\ndef f():\n    yield 1\n")
check("@micropython.native\ndef f():\n    raise\n")
print(issubclass(ViperTypeError, TypeError))
# an error stops the whole compilation: nothing of the module runs
check("print('never')\n@micropython.viper\ndef f(x: int):\n    x = 1.5\n")
