# a guest io.IOBase subclass is a stream: print() and json.load() use its write() and
# readinto() as MicroPython's stream protocol does, and what they return decides the outcome
import io
import json


class Writer(io.IOBase):
    def __init__(self, results):
        self.results = results

    def write(self, buf):
        result = self.results.pop(0) if self.results else len(buf)
        print("write", type(buf).__name__, bytes(buf), "->", result)
        return result

    def ioctl(self, request, arg):
        print("ioctl", request, arg)
        return 0


print("ab", 12, file=Writer([]))
print("xyz", file=Writer([1, 1, 1]))  # part by part
print("stop", file=Writer([2, 0]))  # nothing written: print carries on
print("later", file=Writer([None]))  # would block
print("again", file=Writer([2, None]))
for result in (7, -22, -5):
    try:
        print("bad", file=Writer([result]))
    except OSError as e:
        print("OSError", e.errno)


class Reader(io.IOBase):
    def __init__(self, data, results=()):
        self.data = data
        self.results = list(results)

    def readinto(self, buf):
        if self.results:
            return self.results.pop(0)
        n = min(len(buf), len(self.data))
        buf[:n] = self.data[:n]
        self.data = self.data[n:]
        return n


print(json.load(Reader(b'{"a": [1, 2.5, "x"]}')))
for results in ([None], [-9], [4]):
    try:
        json.load(Reader(b"[1]", results))
    except OSError as e:
        print("OSError", e.errno)
