# a memoryview keeps its offset in the bits its length leaves over in a machine word
import sys
from uctypes import bytearray_at

limit = 0xFF_FFFF if sys.maxsize <= 0xFFFF_FFFF else 0xFF_FFFF_FFFF_FFFF
mv = memoryview(bytearray_at(0, limit + 3))
print(len(mv[limit:limit + 2]))
for start in (limit + 1, limit + 2):
    try:
        mv[start:start + 1]
        print("sliced")
    except OverflowError as e:
        print("OverflowError", e)
n = limit + 1
try:
    mv[n:]
except OverflowError as e:
    print("OverflowError", e)
print(len(mv[:4]), len(mv[3:7]))
