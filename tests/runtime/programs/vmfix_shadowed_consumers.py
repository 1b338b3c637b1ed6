d = {"b": 1, "a": 2, "c": 3}
def sum(x):
    return x["a"]
print(sum(d))
class L:
    def extend(self, x):
        return type(x).__name__
    def join(self, x):
        return len(x)
print(L().extend(d), L().join(d))
import builtins
print(builtins.sum([1, 2]), sorted(list(d)), ",".join(sorted(d)))
print(list(d) == [k for k in d], tuple(d) == tuple(k for k in d))
