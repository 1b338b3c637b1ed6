for f in (lambda: [][0], lambda: [1, 2][-3], lambda: ()[0], lambda: ""[0], lambda: b""[0],
          lambda: bytearray()[0], lambda: range(0)[0], lambda: [].pop(), lambda: [1].pop(3),
          lambda: "abc"[10], lambda: (1,)[1], lambda: memoryview(b"a")[1]):
    try:
        print(f())
    except IndexError as e:
        print("IndexError", e)
l = [1, 2]
try:
    l[5] = 0
except IndexError as e:
    print("assign", e)
try:
    del l[5]
except IndexError as e:
    print("del", e)
try:
    l.insert(10, 3)
    print(l)
except IndexError as e:
    print("insert", e)
x = [1]
print(x[-1], x[0:10], x[10:], x[-10:])
print([0, 1, 2, 3][-2:], "hello"[-3:-1], (1, 2, 3)[5:1])
