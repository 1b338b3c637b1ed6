import sys
print(sys.maxsize, sys.maxsize + 1, -sys.maxsize - 1)
print(type(sys.maxsize + 1).__name__)
print(sys.byteorder, (1).to_bytes(2, sys.byteorder))
print(int.from_bytes(b"\x01\x00", sys.byteorder))
big = sys.maxsize * sys.maxsize
print(big, big // sys.maxsize == sys.maxsize)
