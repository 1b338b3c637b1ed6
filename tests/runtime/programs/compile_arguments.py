# argument checking of compile, exec and eval
print(eval(b"6 * 7"), eval(bytearray(b"1 + 1")), eval(memoryview(b"2 ** 5")))
exec(b"print('bytes source')")
print(eval(compile(b"'compiled bytes'", "f", "eval")))
tests = [
    lambda: eval(5),
    lambda: exec(None),
    lambda: eval("1", []),
    lambda: eval("1", {}, 3),
    lambda: exec("1", (), None),
    lambda: compile(5, "f", "exec"),
    lambda: compile("1", b"f", "exec"),
    lambda: compile("1", "f", None),
    lambda: compile("1", "f"),
    lambda: compile("1", "f", "exec", 0, 0, 0, 0),
    lambda: eval(),
    lambda: eval("1", None, None, None),
    lambda: exec("1", globals=None),
    lambda: compile("1", "f", "exec", flags=0),
]
for t in tests:
    try:
        print(t())
    except TypeError as e:
        print("TypeError", repr(e))
    except ValueError as e:
        print("ValueError", e)
print(eval("1", None), eval("2", None, None))
print(compile("1", "f", "exec", 0, False, -1) is not None)
