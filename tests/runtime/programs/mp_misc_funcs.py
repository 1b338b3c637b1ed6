import micropython
print(micropython.kbd_intr(3))
print(micropython.kbd_intr(-1))
micropython.kbd_intr(3)
s = micropython.stack_use()
print(type(s).__name__, s > 0)


def deep(n):
    if n == 0:
        return micropython.stack_use()
    return deep(n - 1)


print(deep(10) >= 0)
print(micropython.const(5))
