words = ["banana", "Apple", "cherry", "apple", "Banana", "", "a", "ab", "B"]
print(sorted(words), sorted(words, reverse=True), sorted(set(words), key=lambda w: (len(w), w)))
print("a" < "b", "a" < "B", "abc" < "abd", "ab" < "abc", "" < "a", "Z" < "a", "é" > "z")
print(max(words), min(words), "abc" == "abc", "abc" is not None, "a" * 3 == "aaa")
print("10" < "9", 10 < 9, sorted(["10", "9", "100"]), sorted([10, 9, 100]))
print(b"a" < b"b", b"abc" > b"ab", sorted([b"x", b"a"]), bytearray(b"a") < b"b")
print([c for c in "hello" if c > "g"], "".join(sorted("python")), ord(max("hello")))
