class Plain:
    pass
class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"
class OnlyStr:
    def __str__(self):
        return "only-str"
print(repr(OnlyRepr()), str(OnlyRepr()), str(OnlyStr()), [OnlyRepr()], "%s|%r" % (OnlyRepr(), OnlyRepr()))
print(f"{OnlyStr()}", "{}".format(OnlyRepr()), type(Plain()).__name__, Plain.__name__, isinstance(Plain(), object))
