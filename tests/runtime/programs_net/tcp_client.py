# TCP client against the host's echo server (argv[1]): blocking stream calls.
import errno
import sys, socket
try:
    import network  # a board with a radio: no traffic until the WLAN is up
    wlan = network.WLAN(network.STA_IF)
    wlan.active(True)
    wlan.connect("HomeNetwork", "password")
except ImportError:
    pass  # the unix port: the host network

addr = socket.getaddrinfo("127.0.0.1", int(sys.argv[1]))[0][-1]
s = socket.socket()
s.connect(addr)
print(s.send(b"line one\n"))
print(s.sendall(b"line two\nrest"))
print(s.readline())
print(s.readline())
print(s.read(4))
print(s.write("text as str\n"))
buf = bytearray(5)
print(s.readinto(buf), buf)
print(s.read(7))
s.settimeout(0.2)
try:
    s.recv(10)
except OSError as e:
    print("timed out", e.errno in (errno.ETIMEDOUT, errno.EAGAIN))
s.settimeout(None)
f = s.makefile("rwb", 0)
f.write(b"through makefile\n")
print(f.readline())
s.close()
try:
    s.send(b"closed")
except OSError as e:
    print("closed", e.errno == errno.EBADF)
# a second connection, closed by us first: the server closes too and we read EOF
t = socket.socket()
t.connect(addr)
t.write(b"last")
print(t.read(4))
t.close()
