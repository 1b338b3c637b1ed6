# btree over a BytesIO: put/get/del, ranges with INCL and DESC, seq, iteration, errors
import btree
import io

f = io.BytesIO()
db = btree.open(f, pagesize=1024)
print(btree.INCL, btree.DESC, btree.__name__, btree.open)
for i in (5, 3, 9, 1, 7, 2, 8, 4, 6, 0):
    db[b"k%d" % i] = b"v%d" % (i * i)
print(db.put(b"k10", b"ten"), db.put(b"k", b""), db.put(b"", b"empty"))
db[b"k3"] = b"three"
print(list(db))
print(list(db.keys(b"k3", b"k7")))
print(list(db.keys(b"k3", b"k7", btree.INCL)))
print(list(db.values(b"k35")))
print(list(db.items(None, b"k2")))
print(list(db.items(b"k7", None, btree.DESC)))
print(list(db.keys(b"k7", b"k3", btree.DESC)))
print(list(db.keys(b"k7", b"k3", btree.DESC | btree.INCL)))
print(list(db.keys(b"z")), list(db.keys(None, b"")), list(db.keys(b"k5", b"k5", btree.INCL)))
print(list(db.keys(None, None, btree.DESC)))
print(db.get(b"k10"), db.get(b"nope"), db.get(b"nope", 42), db[b""], db[b"k"])
print(b"k1" in db, "k1" in db, b"k11" in db, bytearray(b"k2") in db)
# seq: R_CURSOR 1, R_FIRST 3, R_LAST 6, R_NEXT 7, R_PREV 9
print(db.seq(3), db.seq(7), db.seq(7), db.seq(6), db.seq(9))
print(db.seq(1, b"k55"), db.seq(7), db.seq(1, b"k9"), db.seq(7), db.seq(1, b"l"))
for flags in (0, 2, 4, 5, 8, 10):
    try:
        db.seq(flags)
    except OSError as e:
        print("seq", flags, "OSError", e.errno)
del db[b"k5"]
try:
    del db[b"k5"]
except KeyError as e:
    print("KeyError", repr(e))
try:
    db[b"k5"]
except KeyError as e:
    print("KeyError", repr(e))
for bad in (1, None, 2.5):
    try:
        db[bad]
    except TypeError as e:
        print("TypeError", e)
try:
    db[b"x"] = 5
except TypeError as e:
    print("TypeError", e)
try:
    len(db)
except TypeError as e:
    print("TypeError", e)
# the database is its own iterator: keys() returns it, next() walks the set-up range
it = db.items(b"k2", b"k4")
print(it is db, next(iter(it)), next(db), list(db))
# deleting the record the walk is on: the walk goes on from its neighbour
for k in db.keys(b"k6"):
    if k == b"k7":
        del db[b"k7"]
    print("walk", k)
print(list(db.items()))
print(db.flush(), db.close(), db.close())
print(str(db), len(f.getvalue()) > 0)
