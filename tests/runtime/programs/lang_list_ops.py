l = [3, 1, 2]
l.append(5); l.insert(0, 9); l.extend([7, 7])
print(l, l.count(7), l.index(2), len(l))
l.sort()
print(l, l.pop(), l.pop(0), l)
l.remove(7); l.reverse()
print(l, l * 2, [0] * 3, l + [1], sorted(l, reverse=True), min(l), 2 in l)
l2 = l.copy() if hasattr(l, "copy") else l[:]
l2.clear() if hasattr(l2, "clear") else None
print(l2, l, [1, 2] == [1, 2], [1, 2] < [1, 3], [[1]] * 2)
words = ["banana", "Apple", "cherry"]
words.sort(key=str.lower)
print(words)
del l[0]
print(l)
