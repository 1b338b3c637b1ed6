# recursion in native code: deep calls nest on the core's stack, too deep is a RuntimeError
import micropython
@micropython.native
def down(n):
    if n == 0:
        return 0
    return 1 + down(n - 1)
print(down(100))
try:
    down(100000)
except RuntimeError as e:
    print("RuntimeError", e)
print(down(50))
