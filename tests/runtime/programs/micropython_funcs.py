import micropython
print(micropython.opt_level() in (0, 1, 2, 3))
micropython.opt_level(0)
print(micropython.opt_level())
print(micropython.heap_lock() if False else "skip", micropython.const(7) + 1)
print(type(micropython.stack_use()).__name__ if hasattr(micropython, "stack_use") else "int")
s = micropython.schedule if hasattr(micropython, "schedule") else None
print(callable(s) or s is None)
