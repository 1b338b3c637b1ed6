import hashlib
import uhashlib

print(hashlib is uhashlib)
print("sha256" in dir(hashlib))
for name in ("new", "blake2b", "sha512", "hexdigest"):
    print(name, hasattr(hashlib, name))
