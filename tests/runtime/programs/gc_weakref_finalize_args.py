import weakref


class Thing:
    def __init__(self, n):
        self.n = n


log = []


def record(*args, **kwargs):
    log.append((args, sorted(kwargs.items())))
    return "recorded"


things = [Thing(i) for i in range(3)]
fins = [weakref.finalize(t, record, t.n, tag="t%d" % t.n) for t in things]
print([f.alive for f in fins])
print(fins[1].peek()[2:], fins[1]())
print([f.alive for f in fins], log)
d = fins[0].detach()
print(d[0].n, d[2], sorted(d[3].items()), fins[0].alive, fins[0]())
print(fins[2](), fins[2](), fins[2].peek())
print(log)
refs = [weakref.ref(t) for t in things]
print([r().n for r in refs], [r() is t for r, t in zip(refs, things)])
