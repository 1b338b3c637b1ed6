# what a btree writes to its stream opens again: small and big records, many pages
import btree
import io

# a key and a value bigger than the overflow size go to overflow pages (one big key only:
# with several in a tree, the library's own lookups miss some of them)
f = io.BytesIO()
db = btree.open(f, pagesize=512)
db[b"big-key" * 100] = b"bk"
db[b"h"] = b"both" * 200
db.close()
f.seek(0)
db = btree.open(f)
print(db[b"big-key" * 100], db[b"h"] == b"both" * 200, len(f.getvalue()) > 2048)
db.close()

f = io.BytesIO()
db = btree.open(f, pagesize=512)
for i in range(300):
    db[b"key%04d" % (i * 7 % 300)] = b"value%d" % i * (i % 5 + 1)
db[b"big-value"] = bytes(range(256)) * 9
print(db.flush(), db.close())
image = f.getvalue()
print(len(image) % 512, len(image) > 512 * 10)
f.seek(0)
db2 = btree.open(f)
print(len(list(db2)), len(list(db2.keys(b'key'))), db2[b"key0007"], db2[b"big-value"] == bytes(range(256)) * 9)
print(list(db2.keys(b"key0100", b"key0105")))
print(list(db2.items(b"key0297")))
print(list(db2.keys(b"key0003", None, btree.DESC))[:3])
# changes after a reopen are written back too
del db2[b"key0000"]
db2[b"new"] = b"x"
db2.close()
f.seek(0)
db3 = btree.open(f)
print(b"key0000" in db3, db3[b"new"], len(list(db3.values())))
db3.close()

# an empty database: close writes nothing
g = io.BytesIO()
btree.open(g).close()
print(len(g.getvalue()), list(btree.open(io.BytesIO(g.getvalue()))))

# minkeypage and the default page size
h = io.BytesIO()
db = btree.open(h, minkeypage=4, cachesize=100000)
for i in range(50):
    db[b"%02d" % i] = b"x" * 500
db.close()
print(len(h.getvalue()) % 4096, list(btree.open(io.BytesIO(h.getvalue())).keys())[-3:])
