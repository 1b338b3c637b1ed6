# Writes a btree file (argv[1]) of 600 records, some big, with deletes and overwrites.
import sys
import btree

f = open(sys.argv[1], "w+b")
db = btree.open(f, pagesize=512)
for i in range(600):
    n = i * 37 % 600
    db[b"rec%05d" % n] = (b"%d:" % n) * (n % 23 + 1)
for n in range(0, 600, 50):
    db[b"big%03d" % n] = bytes(range(256)) * (n % 5 + 1)
for n in range(0, 600, 7):
    del db[b"rec%05d" % n]
for n in range(3, 600, 11):
    db[b"rec%05d" % n] = b"new"
db.close()
f.close()
