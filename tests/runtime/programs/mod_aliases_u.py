import json, struct, array, binascii, collections, errno, hashlib, heapq, io, random, re

for name in ("uarray", "ubinascii", "ucollections", "uerrno", "uhashlib", "uheapq", "uio",
             "ujson", "urandom", "ure", "ustruct", "usys"):
    mod = __import__(name)
    print(name, mod.__name__)
import ujson, ustruct, uarray, uerrno, uheapq, urandom, ure, ucollections, uhashlib
print(ujson is json, ustruct is struct, uarray is array, uerrno is errno, uheapq is heapq)
print(urandom is random, ure is re, ucollections.deque is collections.deque, uhashlib is hashlib)
print(ujson.dumps([1]), ustruct.pack("<h", 1), uarray.array("b", [1]))
for name in ("umath", "ucmath", "ugc", "umicropython", "ubuiltins", "uuarray", "u"):
    try:
        __import__(name)
        print(name, "imported")
    except ImportError as e:
        print(name, "ImportError", e)
from ujson import dumps
print(dumps({"a": None}))
