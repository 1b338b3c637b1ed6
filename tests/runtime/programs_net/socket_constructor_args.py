# socket.socket() takes its family, type and protocol as ints (each converted before any is
# looked at): anything else is a TypeError, even where the values would be refused anyway
import socket

for args in ((None,), (socket.AF_INET, None), (socket.AF_INET, socket.SOCK_RAW, None),
             ("2",), (socket.AF_INET, 1.5)):
    try:
        socket.socket(*args)
        print("made")
    except TypeError as e:
        print("TypeError", e)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, 0)
s.close()
print("ok")
