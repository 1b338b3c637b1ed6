print("never printed: the file does not compile")
x = 1
print(t"x is {x}")
