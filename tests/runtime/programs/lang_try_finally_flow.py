def ret_in_finally():
    try:
        return "try"
    finally:
        return "finally"
print(ret_in_finally())

def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(swallow())

def break_in_finally():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            break
    return i
print(break_in_finally())

def continue_in_finally():
    out = []
    for i in range(3):
        try:
            if i == 1:
                raise ValueError
            out.append(i)
        finally:
            out.append("f%d" % i)
            continue
    return out
print(continue_in_finally())

def nested_finally():
    log = []
    try:
        try:
            log.append("inner")
            return log
        finally:
            log.append("inner-finally")
    finally:
        log.append("outer-finally")
print(nested_finally())

def else_flow(x):
    try:
        v = 10 // x
    except ZeroDivisionError:
        return "zero"
    else:
        return "ok %d" % v
    finally:
        print("finally for", x)
print(else_flow(2))
print(else_flow(0))

def loop_return():
    for i in range(5):
        try:
            if i == 2:
                return i
        finally:
            print("leaving", i)
print(loop_return())

def reraise():
    try:
        try:
            1 / 0
        finally:
            print("cleanup")
    except ZeroDivisionError as e:
        return "caught " + str(e)
print(reraise())
