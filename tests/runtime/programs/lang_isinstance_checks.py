print(isinstance(True, int), isinstance(1, bool), issubclass(bool, int))
print(isinstance(1, (str, int)), isinstance("s", (list, tuple)))
print(isinstance(None, object), isinstance(int, type), isinstance(type, object))
class A:
    pass
class B(A):
    pass
class C(B):
    pass
print(isinstance(C(), A), issubclass(C, (int, A)), issubclass(A, C))
print(issubclass(A, A), issubclass(C, object))
print(isinstance(ValueError(), Exception), issubclass(KeyError, (IndexError, LookupError)))
try:
    isinstance(1, 2)
except TypeError as e:
    print("TypeError")
try:
    issubclass(1, int)
except TypeError as e:
    print("TypeError")
print(type(True) is bool, type(1) is int, type(1.0) is float)
print(True + True, True * 3, False - 1, int(True), -True)
print(sum([True, False, True]), True == 1, hash(True) == hash(1))
print({1: "int", True: "bool"})
print(type(b"") is bytes, type(bytearray()) is bytearray)
