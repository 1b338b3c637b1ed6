def t(label, v=None):
    print("eval", label)
    return v if v is not None else label

d = {t("k1"): t("v1"), t("k2"): t("v2")}
print(sorted(d))
def f(*a, **k):
    return a
f(t("a1"), t("a2"), x=t("kw"))
t("lhs", [0, 0])[t("idx", 1)] = t("rhs")
x = t("left", 1) + t("right", 2) * t("mul", 3)
print(x)
class O:
    pass
o = O()
t("obj", o).attr = t("val")
print(o.attr)
a, b = t("first"), t("second")
print(t("c1", 1) if t("cond", True) else t("c2", 2))
print(t("and1", 0) and t("and2"), t("or1", 0) or t("or2"))
lst = [t("e1"), t("e2")]
s = t("base", "s")[t("slice_lo", 0):t("slice_hi", 1)]
