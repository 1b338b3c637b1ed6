counter = 0
def inc():
    global counter
    counter += 1
for _ in range(3):
    inc()
print(counter)
def make_global():
    global created
    created = "made"
make_global()
print(created)
def reads_without_decl():
    return counter * 2
print(reads_without_decl())
def shadow():
    counter = "local"
    return counter
print(shadow(), counter)
def unbound_local():
    try:
        print(counter)
    except NameError as e:
        print("NameError", e)
    counter = 5
unbound_local()
def nested_global():
    def inner():
        global counter
        counter = 99
    inner()
nested_global()
print(counter)
print("created" in globals(), globals()["counter"])
