f = lambda: (yield)
class A:
    def m(self):
        x = [i for i in range(3)]
        continue
