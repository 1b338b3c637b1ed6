import micropython
print(micropython.opt_level())
exec("assert 1 == 2, 'boom'") if False else None
try:
    exec("assert 1 == 2, 'boom'")
except AssertionError as e:
    print("AssertionError", e)
exec("print(__debug__)")
micropython.opt_level(1)
print(micropython.opt_level())
exec("assert 1 == 2, 'boom'")
print("assert skipped")
exec("print(__debug__)")
micropython.opt_level(0)
exec("print(__debug__)")
print(micropython.opt_level(3), micropython.opt_level())
micropython.opt_level(0)
