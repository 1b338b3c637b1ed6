people = [("bob", 25), ("alice", 30), ("carol", 26), ("dave", 31), ("eve", 22)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
by_name = sorted(people)
print(by_name)
l = [5, 3, 5, 1, 3]
l.sort()
print(l)
l.sort(reverse=True)
print(l)
words = ["Banana", "apple", "cherry", "Apple"]
print(sorted(words), sorted(words, key=str.lower))
print(sorted([[2, 1], [1, 2], [1, 1]]), sorted([(1, "b"), (1, "a")]))
data = list(range(10))
data.sort(key=lambda v: (v % 3, v))
print(data)
print(sorted("hello"), sorted(range(5), key=lambda v: -v))
