# A TCP server and a non-blocking client in one program on a free port (argv[1]),
# driven by select.poll.
import errno, select
import sys, socket
try:
    import network  # a board with a radio: no traffic until the WLAN is up
    wlan = network.WLAN(network.STA_IF)
    wlan.active(True)
    wlan.connect("HomeNetwork", "password")
except ImportError:
    pass  # the unix port: the host network

addr = socket.getaddrinfo("127.0.0.1", int(sys.argv[1]))[0][-1]
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(addr)
srv.listen(1)
cli = socket.socket()
cli.setblocking(False)
try:
    cli.connect(addr)
except OSError as e:
    print("connect in progress", e.errno == errno.EINPROGRESS)
p = select.poll()
p.register(srv, select.POLLIN)
print("accept ready", [ev for s, ev in p.poll(5000)])
conn, peer = srv.accept()
p.unregister(srv)
p.register(cli, select.POLLOUT)
print("client writable", [ev for s, ev in p.poll(5000)])
print(cli.write(b"hello\nworld\n"))
print(conn.readline(), conn.readline())
print(conn.send(b"pong"))
p.modify(cli, select.POLLIN)
print("client readable", [ev for s, ev in p.poll(5000)])
print(cli.recv(10))
print("nothing yet", cli.read(10), cli.readline())
try:
    cli.recv(10)
except OSError as e:
    print("recv", e.errno == errno.EAGAIN)
p.modify(cli, select.POLLIN | select.POLLOUT)
print("writable only", [ev for s, ev in p.poll(5000)])
p.modify(cli, select.POLLIN)
conn.close()
print("hang-up seen", [ev & select.POLLIN for s, ev in p.poll(5000)])
print("eof", cli.recv(10))
cli.close()
srv.close()
