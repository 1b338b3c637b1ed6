import sys
def show(fn):
    try:
        fn()
    except Exception as e:
        sys.print_exception(e)
show(lambda: [1 // x for x in (1, 0)])
show(lambda: list(1 // x for x in (1, 0)))
show(lambda: {x: 1 // x for x in (0,)})
show(lambda: {1 // x for x in (0,)})
def gen():
    yield 1 // 0
show(lambda: next(gen()))
class K:
    def __init__(self):
        raise ValueError("init")
show(K)
show(lambda: sorted([3, 1], key=lambda v: 1 // 0))
show(lambda: exec("1 // 0"))
show(lambda: eval("[].pop()"))
