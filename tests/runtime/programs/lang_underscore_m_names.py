_mode = "global mode"
_mB = "global _mB"
def log(_msg, _max=3, *_more, _mode="kw", **_misc):
    _mx = len(_msg)
    _mB = "local"
    return _msg[:_max], _more, _mode, sorted(_misc), _mx, _mB
print(log("hello", _mode="m", _mz=1))
print(log(_msg="ab", _max=1))
print(_mode, _mB)
def g():
    global _mB
    _mB = "changed"
    _mS0 = [i for i in range(2)]
    return _mS0
print(g(), _mB)
class C:
    _mB = "class _mB"
    def m(self, _map=None):
        return self._mB, _map
print(C().m(_map=1))
def kwname(**kw):
    return sorted(kw)
print(kwname(**{"class": 1, "if": 2, "None": 3}))
def soft_keywords():
    match = 1
    case = 2
    type = 3
    _ = 4
    return match + case + type + _
print(soft_keywords())
lam = lambda _mod=1: _mod + 1
print(lam(), lam(_mod=5))
print([_mS1 for _mS1 in range(3)])
