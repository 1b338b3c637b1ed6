import io

class Stream(io.IOBase):
    def __init__(self):
        self.n = 0

s = Stream()
print(isinstance(s, io.IOBase), type(s).__name__, s.n)
print(io.IOBase.__name__, isinstance(io.StringIO(), io.IOBase), isinstance(io.BytesIO(), io.IOBase))
