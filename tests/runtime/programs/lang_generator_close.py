def g1():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")

g = g1()
print(next(g))
g.close()
print("closed")
g.close()
try:
    next(g)
except StopIteration:
    print("stop after close")

def g2():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        raise
g = g2()
next(g)
g.close()

def g3():
    try:
        yield 1
    except GeneratorExit:
        yield 2
g = g3()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError", e)

def g4():
    try:
        yield 1
    except GeneratorExit:
        return 5
g = g4()
next(g)
print(g.close())
g = g1()
g.close()
print("never started closed")
