class A:
    def m(self, x):
        return x
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: A().m())
t(lambda: A().m(1, 2))
t(lambda: A.m(1))
t(lambda: A().nope)
t(lambda: A()())
t(lambda: A() + 1)
t(lambda: A() < A())
t(lambda: len(A()))
t(lambda: A()[0])
