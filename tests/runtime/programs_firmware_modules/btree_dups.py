# btree.open(flags=1): R_DUP, duplicate keys: where a new one goes, which one get() finds,
# del removing them all, the setting kept in the file
import btree
import io

f = io.BytesIO()
db = btree.open(f, flags=1)
db[b"a"] = b"1"
db[b"b"] = b"2"
db[b"a"] = b"3"
db.put(b"a", b"4")
print(db[b"a"], list(db.items()))
print(db.seq(1, b"a"), db.seq(7), db.seq(7))
del db[b"a"]
print(list(db.items()))
db[b"c"] = b"5"
db[b"c"] = b"6"
db.close()
f.seek(0)
db = btree.open(f)
db[b"c"] = b"7"
print(list(db.items()))
