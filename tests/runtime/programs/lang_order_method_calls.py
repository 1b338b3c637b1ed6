# s.add(x), s.discard(x), d.pop(k)... called on sets, dicts and any other object: a set or
# dict keeps MicroPython's table order through them, another object's own method runs.


class Bag:
    def __init__(self):
        self.log = []

    def add(self, x):
        self.log.append(("add", x))
        return "added"

    def discard(self, x):
        self.log.append(("discard", x))
        return "discarded"

    def remove(self, x):
        self.log.append(("remove", x))
        return "removed"

    def pop(self, *args):
        self.log.append(("pop",) + args)
        return "popped"

    def clear(self):
        self.log.append(("clear",))
        return "cleared"


def calls(o):
    for step in range(6):
        try:
            if step == 0:
                r = o.add(5)
            elif step == 1:
                r = o.discard(5)
            elif step == 2:
                r = o.remove(7)
            elif step == 3:
                r = o.pop()
            elif step == 4:
                r = o.popitem()
            else:
                r = o.clear()
            print(step, r)
        except (AttributeError, KeyError, TypeError) as e:
            print(step, type(e).__name__)


bag = Bag()
calls(bag)
print(bag.log)
calls({7: "a", 3: "b", 40: "c"})
calls({7, 3, 40, 12})
calls(frozenset((1, 2)))

# a set changed by add/discard/remove between listings, with colliding slots
s = set()
for i in range(40):
    s.add(i * 7 % 23 + (i % 3) * 23)
print(list(s))
for i in range(0, 40, 3):
    s.discard(i)
for i in range(100, 120):
    s.add(i)
s.remove(101)
print(list(s))
s.discard(1000)
s.add(5)
s.add(5)
print(list(s), len(s))
words = set()
for w in "one two three four five six seven eight nine ten".split():
    words.add(w)
    if len(w) == 4:
        words.discard("two")
print(list(words))
print(sum({1, 2, 3, 400}), sum([1.5, 2, 3]), sum((1, 2), 0.25))
