class Plain:
    pass
class WithRepr:
    def __repr__(self):
        return "WithRepr()"
class Child(Plain):
    pass
def shape(text):
    # addresses differ between runs and boards; keep the words around them
    words = text.replace("<", " ").replace(">", " ").split()
    return [w for w in words if not all(c in "0123456789abcdef" for c in w)]
print(shape(repr(Plain())), shape(repr(Child())), repr(WithRepr()))
print(shape(repr([Plain()])), shape(repr({"k": Child()})))
print(repr(object()), repr(property(lambda s: 1)), repr(staticmethod(len)), repr(classmethod(len)))
print("0x" in repr(Plain()), repr(Plain()).startswith("<Plain object at "))
print([WithRepr()], (WithRepr(),), {1: WithRepr()})
