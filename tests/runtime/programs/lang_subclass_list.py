class Stack(list):
    def push(self, v):
        self.append(v)
    def peek(self):
        return self[-1]

s = Stack()
s.push(1)
s.push(2)
s.extend([3, 4])
print(s, len(s), s.peek(), s.pop(), s)
print(isinstance(s, list), type(s).__name__)
print(s + [9], s * 2)
print(sorted(Stack([3, 1, 2])))
print([x * 2 for x in s])
class Logged(list):
    def append(self, v):
        print("append", v)
        super().append(v)
l = Logged([1])
l.append(5)
print(l)
class Init(list):
    def __init__(self, n):
        super().__init__(range(n))
        self.n = n
i = Init(3)
print(i, i.n, sum(i))
