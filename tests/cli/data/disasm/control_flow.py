# Loops, exceptions and with-blocks exercise every jump kind.
def search(items, wanted):
    for i, item in enumerate(items):
        if item == wanted:
            return i
        while item > 100:
            item //= 2
            if item == 7:
                break
    else:
        return -1


def guarded(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError as e:
        print("failed", e)
    finally:
        print("done")


def counter(start=0, *, step=1):
    n = start

    def bump():
        nonlocal n
        n += step
        return n

    return bump
