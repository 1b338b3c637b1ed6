# UDP: datagrams to the host's echo server (argv[1]) and between two sockets of the
# program (argv[2], a free port).
import errno, select
import sys, socket
try:
    import network  # a board with a radio: no traffic until the WLAN is up
    wlan = network.WLAN(network.STA_IF)
    wlan.active(True)
    wlan.connect("HomeNetwork", "password")
except ImportError:
    pass  # the unix port: the host network

echo = socket.getaddrinfo("127.0.0.1", int(sys.argv[1]))[0][-1]
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print(u.sendto(b"ping", echo))
data, peer = u.recvfrom(100)
print(data, peer == echo)
here = socket.getaddrinfo("127.0.0.1", int(sys.argv[2]))[0][-1]
r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
r.bind(here)
r.setblocking(False)
try:
    r.recvfrom(10)
except OSError as e:
    print("nothing", e.errno == errno.EAGAIN)
p = select.poll()
p.register(r, select.POLLIN)
u.sendto(b"direct", here)
print([ev for s, ev in p.poll(5000)])
print(r.recvfrom(100)[0])
c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
c.connect(echo)
print(c.send(b"connected"))
print(c.recv(100))
for s in (u, r, c):
    s.close()
