# btree.open's errors, and a closed database
import btree
import io


def attempt(label, f, *args, **kw):
    try:
        r = f(*args, **kw)
        print(label, "ok", type(r).__name__)
    except Exception as e:
        print(label, type(e).__name__, e)


attempt("no args", btree.open)
attempt("not a stream", btree.open, 5)
attempt("bytes", btree.open, b"abc")
attempt("two positional", btree.open, io.BytesIO(), 0)
attempt("unknown keyword", btree.open, io.BytesIO(), mode=1)
attempt("pagesize 256", btree.open, io.BytesIO(), pagesize=256)
attempt("pagesize 513", btree.open, io.BytesIO(), pagesize=513)
attempt("pagesize 514", btree.open, io.BytesIO(), pagesize=514)
attempt("pagesize 65538", btree.open, io.BytesIO(), pagesize=65538)
attempt("minkeypage 1", btree.open, io.BytesIO(), minkeypage=1)
attempt("flags 2", btree.open, io.BytesIO(), flags=2)
attempt("flags str", btree.open, io.BytesIO(), flags="1")
attempt("short file", btree.open, io.BytesIO(b"x" * 10))
attempt("not a db", btree.open, io.BytesIO(b"x" * 4096))
attempt("bad version", btree.open, io.BytesIO(b"\x62\x31\x05\x00\x02\x00\x00\x00" + bytes(16)))

def delete(db, key):
    del db[key]


db = btree.open(io.BytesIO())
db[b"a"] = b"1"
it = db.keys()
print(db.close())
for label, f in (("get", lambda: db.get(b"a")), ("put", lambda: db.put(b"a", b"2")),
                 ("getitem", lambda: db[b"a"]), ("delitem", lambda: delete(db, b"a")),
                 ("contains", lambda: b"a" in db), ("seq", lambda: db.seq(3)),
                 ("flush", db.flush), ("iterate", lambda: list(it)),
                 ("keys", lambda: db.keys() is db), ("close", db.close)):
    attempt(label, f)
print(db)
