"""Networking on the boards with a radio (rp2w, esp32): socket, select.poll, asyncio streams,
ssl/tls and micropython-lib's requests over host sockets, against servers the tests run on
127.0.0.1 (net_servers.py), through `mpt run` (a confined process whose sockets come from the
network broker). Outputs of programs_net/ are recorded from real MicroPython (the unix port,
record_net_expected.py). Then the policy: without --net only the loopback interface, and the
OS layer refusing on its own what the guest-level check would have refused."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap

import pytest

from net_servers import (PROGRAM_SERVERS, PROGRAMS, TLS_CERT, servers_for, tcp_echo,
                         tls_echo)

HERE = os.path.dirname(os.path.abspath(__file__))
FILTER_OFF = os.path.join(HERE, "filter_off.py")
LINUX_X86_64 = sys.platform.startswith("linux") and os.uname().machine == "x86_64"
WLAN_UP = textwrap.dedent("""\
    import network, socket, errno, sys
    wlan = network.WLAN(network.STA_IF)
    wlan.active(True)
    wlan.connect("HomeNetwork", "password")
""")
NOT_ROUTED = "192.0.2.1"  # TEST-NET-1 (RFC 5737): never reachable, never loopback
REQUESTS_MISSING = ("needs micropython-lib's requests: set MPT_MICROPYTHON_LIB to a "
                    "micropython-lib checkout (python-ecosys/requests)")


def requests_package() -> str | None:
    root = os.environ.get("MPT_MICROPYTHON_LIB")
    if not root:
        return None
    path = os.path.join(root, "python-ecosys", "requests", "requests")
    return path if os.path.isdir(path) else None


def mpt_run(*args: str, cwd: str, prefix: tuple[str, ...] = ()) -> str:
    command = [*prefix, "run"] if prefix else [sys.executable, "-m", "mpt", "run"]
    result = subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True,
                            timeout=120, stdin=subprocess.DEVNULL)
    return result.stdout + result.stderr


def guest(tmp_path, body: str, *args: str, board: str = "rp2w", net: bool = False,
          prefix: tuple[str, ...] = ()) -> str:
    script = tmp_path / "prog.py"
    script.write_text(textwrap.dedent(body))
    flash = tmp_path / "flash"
    flash.mkdir(exist_ok=True)
    options = ["--board", board, "--flash", str(flash)] + (["--net"] if net else [])
    return mpt_run(*options, str(script), *args, cwd=str(tmp_path), prefix=prefix)


@pytest.mark.parametrize("board", ["rp2w", "esp32", "rp2w --virtual-time"])
@pytest.mark.parametrize("name", sorted(PROGRAM_SERVERS))
def test_program_prints_what_micropython_prints(tmp_path, name, board):
    """(In virtual time the board's clock keeps pace with the host's network.)"""
    flash = tmp_path / "flash"
    flash.mkdir()
    if name == "http_requests.py":
        package = requests_package()
        if package is None:
            pytest.skip(REQUESTS_MISSING)
        shutil.copytree(package, flash / "lib" / "requests")
    with open(os.path.join(PROGRAMS, name[:-3] + ".exp"), encoding="utf-8") as f:
        expected = f.read()
    with servers_for(name) as ports:
        out = mpt_run("--board", *board.split(), "--flash", str(flash), name, *ports,
                      cwd=PROGRAMS)
    assert out == expected


def test_tls_client_over_the_hosts_tls(tmp_path):
    (tmp_path / "flash").mkdir()
    shutil.copy(TLS_CERT, tmp_path / "flash" / "ca.pem")
    with tls_echo() as port:
        out = guest(tmp_path, WLAN_UP + textwrap.dedent("""\
            import ssl, tls
            addr = socket.getaddrinfo("127.0.0.1", int(sys.argv[1]))[0][-1]
            def connected():
                s = socket.socket()
                s.connect(addr)
                return s
            t = ssl.wrap_socket(connected())          # CERT_NONE: no verification
            print(t.write(b"plain wrap\\n"), t.readline())
            t.close()
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            ctx.verify_mode = ssl.CERT_REQUIRED
            ctx.load_verify_locations(cafile="ca.pem")
            t = ctx.wrap_socket(connected(), server_hostname="localhost")
            t.write(b"verified\\n")
            print(t.read(14))
            t.close()
            for hostname in (None, "localhost"):
                ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED, no CA given
                try:
                    ctx.wrap_socket(connected(), server_hostname=hostname)
                except ValueError as e:
                    print("ValueError", "server_hostname" in str(e))
            """), str(port))
    assert out.splitlines() == ["11 b'echo plain wrap\\n'", "b'echo verified\\n'",
                                "ValueError True", "ValueError False"]


@pytest.mark.parametrize("board", ["rp2w", "esp32"])
def test_without_net_only_loopback_is_reachable(tmp_path, board):
    """The refusal a guest sees: OSError(EHOSTUNREACH), as a board with no route there; the
    same before the WLAN is connected, for loopback too. Names do not resolve (OSError(-2))."""
    with tcp_echo() as port:
        out = guest(tmp_path, """\
            import network, socket, errno, sys
            def attempt(what, fn):
                try:
                    print(what, fn())
                except OSError as e:
                    print(what, errno.errorcode.get(e.errno, e.errno))
            echo = ("127.0.0.1", int(sys.argv[1]))
            attempt("before wlan", lambda: socket.socket().connect(echo))
            wlan = network.WLAN(network.STA_IF)
            wlan.active(True)
            wlan.connect("HomeNetwork", "password")
            attempt("tcp", lambda: socket.socket().connect(("%s", 80)))
            u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            attempt("udp", lambda: u.sendto(b"x", ("%s", 9)))
            attempt("name", lambda: socket.getaddrinfo("micropython.org", 80))
            s = socket.socket()
            attempt("loopback", lambda: s.connect(echo))
            s.write(b"still fine")
            print(s.read(10))
            """ % (NOT_ROUTED, NOT_ROUTED), str(port), board=board)
    assert out.splitlines() == ["before wlan EHOSTUNREACH", "tcp EHOSTUNREACH",
                                "udp EHOSTUNREACH", "name -2", "loopback None",
                                "b'still fine'"]


def non_loopback_address() -> str | None:
    """An IPv4 address of this machine other than loopback (the route a UDP socket would
    take to a public address; no packet is sent), or None."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def test_net_lets_the_guest_beyond_loopback(tmp_path):
    address = non_loopback_address()
    if address is None:
        pytest.skip("this machine has no IPv4 address besides loopback")
    listener = socket.socket()
    listener.bind((address, 0))
    listener.listen(1)
    program = WLAN_UP + textwrap.dedent("""\
        s = socket.socket()
        try:
            s.connect((sys.argv[1], int(sys.argv[2])))
            print("connected")
        except OSError as e:
            print(errno.errorcode.get(e.errno, e.errno))
        """)
    try:
        port = str(listener.getsockname()[1])
        assert guest(tmp_path, program, address, port).splitlines() == ["EHOSTUNREACH"]
        assert guest(tmp_path, program, address, port, net=True).splitlines() == ["connected"]
    finally:
        listener.close()


def test_a_wildcard_bind_without_net_listens_on_loopback_only(tmp_path):
    """bind(("0.0.0.0", port)) binds the host's loopback: the guest server is reachable from
    this machine only. The guest says when it listens; the test then looks from outside."""
    from net_servers import free_port

    port = free_port()
    script = tmp_path / "serve.py"
    script.write_text(WLAN_UP + textwrap.dedent("""\
        s = socket.socket()
        s.bind(("0.0.0.0", int(sys.argv[1])))
        s.listen(1)
        print("listening")
        c, _ = s.accept()
        c.write(b"hi")
        c.close()
        """))
    (tmp_path / "flash").mkdir()
    process = subprocess.Popen([sys.executable, "-m", "mpt", "run", "--board", "rp2w",
                                "--flash", str(tmp_path / "flash"), str(script), str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline() == "listening\n", process.stderr.read()
        address = non_loopback_address()
        if address is not None:
            with pytest.raises(OSError):
                socket.create_connection((address, port), timeout=5).close()
        with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
            assert client.recv(2) == b"hi"
        assert process.wait(60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


# --- the OS layer on its own ------------------------------------------------------------
# With the in-process filter off (filter_off.py, test only), guest code reaches the host
# socket behind a guest socket and the broker client and tries what the guest-level check
# refuses. Each attempt prints the exception's type and errno (as the guest sees them), or
# what it returned; errno 13 (EACCES) is the seccomp program's refusal.
ATTACK = WLAN_UP + """\
def attempt(what, fn):
    try:
        print(what, "returned", fn())
    except Exception as e:
        print(what, type(e).__name__, getattr(e, "errno", None))
s = socket.socket()
host = s._sock
attempt("connect", lambda: host.connect(("%(far)s", 80)))
t = socket.socket()   # a fresh one: a connecting socket could not be bound
other = t._sock
attempt("bind", lambda: other.bind(("0.0.0.0", 0)))
attempt("listen", lambda: other.listen(1))
attempt("new inet socket", lambda: host.__class__(2, 1))
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
attempt("sendto", lambda: u._sock.sendto(b"x", ("%(far)s", 9)))
attempt("sendmsg", lambda: u._sock.sendmsg([b"x"], [], 0, ("%(far)s", 9)))
net = s._net
if hasattr(net, "_ask"):   # the broker, asked without the in-process policy check
    attempt("broker connect", lambda: net._ask(
        {"op": "connect", "id": net._ids[host.fileno()], "host": "%(far)s", "port": 80}))
    attempt("broker bogus", lambda: net._ask({"op": "exec", "id": 1}))
s2 = socket.socket()
s2.connect(("127.0.0.1", int(sys.argv[1])))
s2.write(b"loopback ok")
print(s2.read(11))
""" % {"far": NOT_ROUTED}


@pytest.mark.skipif(not LINUX_X86_64, reason="the seccomp layer is Linux x86_64 only")
def test_the_os_layer_refuses_beyond_loopback_on_its_own(tmp_path):
    with tcp_echo() as port:
        out = guest(tmp_path, ATTACK, str(port), prefix=(sys.executable, FILTER_OFF, "off"))
    lines = out.splitlines()
    for what in ("connect", "bind", "listen", "new inet socket", "sendto", "sendmsg"):
        assert f"{what} OSError 13" in lines, out
    assert "broker connect OSError 113" in lines, out   # EHOSTUNREACH: the policy again
    assert "broker bogus OSError 22" in lines, out
    assert lines[-1] == "b'loopback ok'", out


def test_the_filter_off_attack_is_not_refused_without_the_os_layer(tmp_path):
    """The OS-layer test means something: the same attack with the filter off in an
    unconfined process (the Python API) gets past (no EACCES anywhere)."""
    script = tmp_path / "attack.py"
    script.write_text(ATTACK)
    code = textwrap.dedent(f"""\
        import sys
        from mpt.runtime.vm import attrfilter
        attrfilter.FILTER_ON = False
        from mpt.runtime.board.run import run_on_board
        from mpt.runtime.board.setup import BoardOptions
        run_on_board({str(script)!r}, ['attack.py', sys.argv[1]],
                     BoardOptions(board="rp2w", flash={str(tmp_path / "flash")!r}),
                     stdout=sys.stdout.write, stderr=sys.stderr.write)
        """)
    with tcp_echo() as port:
        result = subprocess.run([sys.executable, "-c", code, str(port)], capture_output=True,
                                text=True, timeout=120)
    out = result.stdout + result.stderr
    assert not [line for line in out.splitlines() if line.endswith(" 13")], out
    assert "bind returned None" in out and "new inet socket returned" in out, out


@pytest.mark.skipif(not LINUX_X86_64, reason="the seccomp layer is Linux x86_64 only")
def test_the_broker_is_confined_and_ends_with_the_board(tmp_path):
    """The broker process runs under its own seccomp filter and ends with the board's."""
    import select

    code = textwrap.dedent(f"""\
        import sys
        from mpt.runtime.board.board import Board
        from mpt.runtime.board.confine import confine_board_process
        board = Board("rp2w", flash_dir={str(tmp_path / "flash")!r})
        confine_board_process(board)
        print(board.net._pid, flush=True)
        sys.stdin.readline()
        """)
    process = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        pid = int(process.stdout.readline())
        broker = os.pidfd_open(pid)
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            fields = dict(line.split(":", 1) for line in status.read().splitlines())
        assert fields["Seccomp"].strip() == "2"   # a filter
        assert fields["NoNewPrivs"].strip() == "1"
        process.stdin.close()
        assert process.wait(60) == 0
        # the board process is gone, so is the broker's channel: the broker exits
        assert select.select([broker], [], [], 60)[0] == [broker]
        os.close(broker)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_names_resolve_through_the_host_with_net_only(tmp_path):
    name = socket.gethostname()
    try:
        socket.getaddrinfo(name, 80)
    except OSError:
        pytest.skip("this machine cannot resolve its own name")
    program = WLAN_UP + textwrap.dedent("""\
        try:
            print(socket.getaddrinfo(sys.argv[1], 80)[0][-1][1])
        except OSError as e:
            print(e.errno)
        """)
    assert guest(tmp_path, program, name).splitlines() == ["-2"]
    assert guest(tmp_path, program, name, net=True).splitlines() == ["80"]


def test_the_policy_grants_loopback_only_unless_open():
    from mpt.runtime.board.netpolicy import EHOSTUNREACH, NetPolicy

    closed, opened = NetPolicy(), NetPolicy(open=True)
    for host in ("127.0.0.1", "127.200.1.9", "::1"):
        assert closed.destination(host) == host
    for host in ("10.0.0.1", "192.0.2.1", "0.0.0.0", "::", "2001:db8::1", "localhost"):
        with pytest.raises(OSError) as refused:
            closed.destination(host)
        assert refused.value.errno == EHOSTUNREACH
        assert opened.destination(host) == host
    assert closed.bind_address("0.0.0.0") == "127.0.0.1"
    assert closed.bind_address("192.168.1.42") == "127.0.0.1"
    assert closed.bind_address("::", family_v6=True) == "::1"
    assert closed.bind_address("127.0.0.2") == "127.0.0.2"
    assert opened.bind_address("0.0.0.0") == "0.0.0.0"


@pytest.mark.parametrize("board", ["rp2w", "esp32"])
def test_errors_as_the_firmware_raises_them(tmp_path, board):
    """What the unix port cannot show (its errors are POSIX's): from extmod/modlwip.c and
    lwIP's error table, a refused connection is ECONNRESET (the peer's RST), a timed-out
    recv or accept ETIMEDOUT, a non-blocking accept with nothing pending EAGAIN, a closed
    socket EBADF, a second connect EISCONN (lwIP's "already connected")."""
    from net_servers import free_port

    with tcp_echo() as port:
        out = guest(tmp_path, WLAN_UP + textwrap.dedent("""\
            def attempt(what, fn):
                try:
                    print(what, fn())
                except OSError as e:
                    print(what, errno.errorcode.get(e.errno, e.errno))
            free = ("127.0.0.1", int(sys.argv[2]))
            attempt("refused", lambda: socket.socket().connect(free))
            s = socket.socket()
            s.connect(("127.0.0.1", int(sys.argv[1])))
            attempt("again", lambda: s.connect(("127.0.0.1", int(sys.argv[1]))))
            s.settimeout(0.05)
            attempt("recv", lambda: s.recv(1))
            srv = socket.socket()
            srv.bind(free)
            srv.listen(1)
            srv.settimeout(0.05)
            attempt("accept", srv.accept)
            srv.setblocking(False)
            attempt("non-blocking accept", srv.accept)
            s.close()
            attempt("closed", lambda: s.send(b"x"))
            """), str(port), str(free_port()), board=board)
    assert out.splitlines() == ["refused ECONNRESET", "again 106", "recv ETIMEDOUT",
                                "accept ETIMEDOUT", "non-blocking accept EAGAIN",
                                "closed EBADF"]


def test_ctrl_c_ends_a_guest_blocked_in_accept(tmp_path):
    """The guest's KeyboardInterrupt, the broker (in the same process group) untouched."""
    import signal

    from net_servers import free_port

    script = tmp_path / "block.py"
    script.write_text(WLAN_UP + textwrap.dedent("""\
        s = socket.socket()
        s.bind(("127.0.0.1", int(sys.argv[1])))
        s.listen(1)
        print("waiting")
        try:
            s.accept()
        except KeyboardInterrupt:
            c = socket.socket()   # the broker is still there for the guest's clean-up
            c.connect(("127.0.0.1", int(sys.argv[1])))
            print("clean-up connected")
            raise
        """))
    (tmp_path / "flash").mkdir()
    process = subprocess.Popen([sys.executable, "-m", "mpt", "run", "--board", "rp2w", "--flash",
                                str(tmp_path / "flash"), str(script), str(free_port())],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        assert process.stdout.readline() == "waiting\n"
        os.killpg(process.pid, signal.SIGINT)   # as a terminal's Ctrl-C: the whole group
        assert process.wait(30) == 130
        out = process.stdout.read() + process.stderr.read()
        assert "clean-up connected" in out and "KeyboardInterrupt" in out, out
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_an_emu_url_takes_the_net_switch(tmp_path):
    name = socket.gethostname()
    try:
        socket.getaddrinfo(name, 80)
    except OSError:
        pytest.skip("this machine cannot resolve its own name")
    code = ("import network, socket\nnetwork.WLAN(0).active(True)\nnetwork.WLAN(0).connect('a')\n"
            f"try:\n    print(socket.getaddrinfo({name!r}, 7)[0][-1][1])\n"
            "except OSError as e:\n    print(e.errno)\n")
    seen = []
    for switch in ("", "&net=1"):
        result = subprocess.run(
            [sys.executable, "-m", "mpt", "-p", f"emu://esp32?flash={tmp_path / 'flash'}{switch}",
             "exec", code], capture_output=True, text=True, timeout=120,
            stdin=subprocess.DEVNULL)
        seen.append(result.stdout.strip())
    assert seen == ["-2", "7"]


def test_tls_server_and_asyncio_tls_client(tmp_path):
    """The guest serves TLS (its certificate and key from its flash, loaded without writing
    a file) and the host verifies it; then asyncio.open_connection(ssl=...) to the host."""
    import ssl

    from net_servers import TLS_KEY, free_port

    flash = tmp_path / "flash"
    flash.mkdir()
    shutil.copy(TLS_CERT, flash / "cert.pem")
    shutil.copy(TLS_KEY, flash / "key.pem")
    script = tmp_path / "tls_serve.py"
    script.write_text(WLAN_UP + textwrap.dedent("""\
        import ssl, asyncio
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain("cert.pem", "key.pem")
        s = socket.socket()
        s.bind(("127.0.0.1", int(sys.argv[1])))
        s.listen(1)
        print("listening")
        c, _ = s.accept()
        t = ctx.wrap_socket(c, server_side=True)
        print("server got", t.readline())
        t.write(b"served over tls\\n")
        t.close()
        s.close()
        async def main():
            client = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            client.verify_mode = ssl.CERT_REQUIRED
            client.load_verify_locations(cafile="cert.pem")
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", int(sys.argv[2]), ssl=client, server_hostname="localhost")
            writer.write(b"async tls\\n")
            await writer.drain()
            print("client got", await reader.readline())
            await writer.wait_closed()
        asyncio.run(main())
        """))
    port = free_port()
    with tls_echo() as echo_port:
        process = subprocess.Popen([sys.executable, "-m", "mpt", "run", "--board", "esp32",
                                    "--flash", str(flash), str(script), str(port),
                                    str(echo_port)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert process.stdout.readline() == "listening\n", process.stderr.read()
            context = ssl.create_default_context(cafile=TLS_CERT)
            with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
                with context.wrap_socket(raw, server_hostname="localhost") as tls:
                    tls.sendall(b"from the host\n")
                    answer = b""
                    while not answer.endswith(b"\n"):
                        answer += tls.recv(100)
            assert answer == b"served over tls\n"
            out, err = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    assert out.splitlines() == ["server got b'from the host\\n'",
                                "client got b'echo async tls\\n'"], err
