class P:
    cls_attr = 0
    def __init__(self):
        self.x = 1
        self.y = 2
p = P()
print(sorted(p.__dict__.items()))
p.z = 3
print(sorted(p.__dict__))
print("cls_attr" in p.__dict__)
del p.x
print(sorted(p.__dict__))
class Slots:
    def __init__(self, **kw):
        for k, v in kw.items():
            setattr(self, k, v)
s = Slots(a=1, b=2)
print(s.a, s.b, sorted(s.__dict__.items()))
print(getattr(s, "a"), hasattr(s, "c"))
delattr(s, "a")
print(hasattr(s, "a"))
