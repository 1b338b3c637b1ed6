# Reads the btree file argv[1] and prints what it holds (a digest of every record, ranges).
import sys
import btree
import hashlib

f = open(sys.argv[1], "r+b")
db = btree.open(f)
h = hashlib.sha256()
count = 0
for k, v in db.items():
    h.update(k)
    h.update(v)
    count += 1
print(count, h.digest().hex())
print(list(db.keys(b"rec00100", b"rec00110")))
print(list(db.items(b"rec00598")))
print(list(db.keys(b"big9", b"big400", btree.DESC)))
print(db[b"rec00003"], db.get(b"rec00007"), len(db[b"big200"]), db[b"rec00019"])
db.close()
f.close()
