def down(n):
    return down(n + 1)
try:
    down(0)
except RuntimeError as e:
    print("RuntimeError", e)

def mutual_a(n):
    return mutual_b(n + 1)
def mutual_b(n):
    return mutual_a(n + 1)
try:
    mutual_a(0)
except RuntimeError as e:
    print("mutual", e)

class Loop:
    def __getattr__(self, name):
        return getattr(self, name[:8] + "x")  # a short name: never "name too long"
try:
    Loop().a
except RuntimeError as e:
    print("getattr loop", e)

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(50))
print("still running")
