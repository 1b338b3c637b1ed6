# __set_name__ runs once the class is made: the owner is a class like any other (its
# attributes can be read, set and deleted), every descriptor of the body is called even when
# an earlier call removed or replaced it, and what a call raises reaches the class statement.


class Sibling:
    def __init__(self, action):
        self.action = action

    def __set_name__(self, owner, name):
        print("set_name", name, owner.__name__)
        if self.action == "read":
            print(" reads", getattr(owner, "value"))
        elif self.action == "set":
            setattr(owner, name + "_set", 5)
            setattr(owner, "value", 6)
        elif self.action == "delete":
            delattr(owner, "value")


class Owner:
    value = 1
    first = Sibling("read")
    second = Sibling("set")


print(Owner.second_set, Owner.value)


class Remover:
    value = 2
    only = Sibling("delete")


print(hasattr(Remover, "value"))


class Replace:
    def __init__(self, other, value):
        self.other = other
        self.value = value

    def __set_name__(self, owner, name):
        print("replace", name)
        setattr(owner, self.other, self.value)


class Swapped:
    a = Replace("b", 20)
    b = Replace("a", 10)


print(Swapped.a, Swapped.b)


class Failing:
    def __set_name__(self, owner, name):
        raise ValueError("refused " + name)


try:

    class WithFailing:
        attr = Failing()
except Exception as e:
    print(type(e).__name__, e)

try:
    Plain = type("Plain", (), {"x": Sibling("set"), "value": 0})
    print(Plain.x_set, Plain.value)
except Exception as e:
    print(type(e).__name__, e)
