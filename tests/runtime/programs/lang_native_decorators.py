import micropython

@micropython.bytecode
def plain(a, b):
    return a + b
print(plain(2, 3))

for src in ("@micropython.native\ndef f():\n    return 1\n",
            "@micropython.viper\ndef f(a: int) -> int:\n    return a\n",
            "@micropython.asm_thumb\ndef f():\n    nop()\n",
            "@micropython.nonsense\ndef f():\n    pass\n"):
    try:
        exec(src)
        print("compiled", f())
    except SyntaxError as e:
        print("SyntaxError", e.args)

