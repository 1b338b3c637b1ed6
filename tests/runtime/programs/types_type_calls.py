print(type(1)(5), type("")("x"), type([])((1, 2)), type({})(), type(1.0)("2.5"), type(())([1]))
print(int.__name__, str.__name__, list.__name__, dict.__name__, type.__name__, object.__name__)
print(type(int), type(type), type(object), type(print) == type(len))
class A:
    pass
class B(A):
    pass
print(type(B()), type(B()) is B, type(B()).__name__, B.__name__, isinstance(B(), A), issubclass(B, A))
print(type(A), A.__bases__ if hasattr(A, "__bases__") else "", B.__bases__ == (A,))
print(str(int), repr(float), str(Exception), repr(ValueError), str(A)[:9])
t = type("T", (), {"x": 5})
print(t.__name__, t().x, type(t()).__name__)
