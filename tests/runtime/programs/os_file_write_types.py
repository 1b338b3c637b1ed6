name = "os_file_write_types.tmp"
with open(name, "w") as f:
    print(f.write(b"bytes in text mode "))
    print(f.write("caf\u00e9 "))
    try:
        f.write(123)
    except TypeError as e:
        print("TypeError", e)
with open(name, "rb") as f:
    print(f.read())
with open(name) as f:
    print(f.read())
with open(name, "wb") as f:
    try:
        f.write("text in binary")
    except TypeError as e:
        print("TypeError", e)
with open(name, "rb") as f:
    print(f.read())
import os
os.remove(name)
