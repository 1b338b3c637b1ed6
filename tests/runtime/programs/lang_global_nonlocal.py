counter = 0
def bump(n=1):
    global counter
    counter += n
bump(); bump(5)
print(counter)
def outer():
    x = []
    y = 0
    def add(v):
        nonlocal y
        x.append(v)
        y += v
    add(1); add(2)
    return x, y
print(outer())
def make():
    state = {"n": 0}
    def inc():
        state["n"] += 1
        return state["n"]
    return inc
i = make()
print(i(), i(), i())
