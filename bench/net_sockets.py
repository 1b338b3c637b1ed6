"""What a guest socket costs: connections per second and bulk throughput on the emulated
board, with its sockets made by the network broker (a confined `mpt run`, the default) and
made in the board's own process (`mpt run --net`).

    python bench/net_sockets.py [--connections 200] [--megabytes 64] [--board rp2w]

A host echo server on 127.0.0.1 answers; the guest program times itself with
time.ticks_ms() and prints the figures. Start-up is not counted.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading

GUEST = """\
import network, socket, sys, time
w = network.WLAN(network.STA_IF)
w.active(True)
w.connect("bench")
addr = socket.getaddrinfo("127.0.0.1", int(sys.argv[1]))[0][-1]
n, megabytes = int(sys.argv[2]), int(sys.argv[3])
t0 = time.ticks_ms()
for i in range(n):
    s = socket.socket()
    s.connect(addr)
    s.write(b"x")
    s.read(1)
    s.close()
t1 = time.ticks_ms()
s = socket.socket()
s.connect(addr)
block = bytes(65536)
total = megabytes * 1024 * 1024
sent = got = 0
while got < total:
    if sent < total:
        s.write(block)
        sent += len(block)
    got += len(s.read(len(block)))
t2 = time.ticks_ms()
s.close()
print("%d connections: %.2f ms each" % (n, time.ticks_diff(t1, t0) / n))
print("%d MiB echoed: %.1f MiB/s" % (megabytes, megabytes * 1000 / max(1, time.ticks_diff(t2, t1))))
"""


def echo_server() -> int:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)

    def one(conn):
        with conn:
            while data := conn.recv(65536):
                conn.sendall(data)

    def accept():
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=one, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return listener.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--megabytes", type=int, default=64)
    parser.add_argument("--board", default="rp2w")
    args = parser.parse_args()
    port = echo_server()
    with tempfile.TemporaryDirectory() as scratch:
        script = os.path.join(scratch, "net_bench.py")
        with open(script, "w", encoding="utf-8") as f:
            f.write(GUEST)
        for label, extra in (("broker (confined, loopback only)", []),
                             ("in process (--net)", ["--net"])):
            result = subprocess.run(
                [sys.executable, "-m", "mpt", "run", "--board", args.board, *extra, "--flash",
                 os.path.join(scratch, "flash"), script, str(port), str(args.connections),
                 str(args.megabytes)], capture_output=True, text=True, timeout=600)
            print(f"{label}:")
            for line in (result.stdout + result.stderr).splitlines():
                print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
