"""The OS boundary (issue 9) on its own: mpt.runtime.board.confine applied to a process of its
own (never the test runner), then host operations tried from plain Python — as guest code would
if it got past the in-process filter. Linux only: elsewhere confine() reports what is missing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from mpt.runtime.board.confine import landlock_abi, seccomp_program

LINUX = sys.platform.startswith("linux")
pytestmark = pytest.mark.skipif(not (LINUX and landlock_abi() >= 1),
                                reason="needs Linux with Landlock")

PROBE = textwrap.dedent("""\
    import json, os, socket, sys, threading
    from mpt.runtime.board.confine import confine
    flash, outside, canary = sys.argv[1:4]
    report = confine(flash, memory_limit=1 << 40)
    results = {"complete": report.complete, "missing": report.missing}
    def attempt(name, fn):
        try:
            results[name] = ["ok", repr(fn())[:200]]
        except Exception as exc:
            results[name] = ["refused", type(exc).__name__]
    attempt("read_outside", lambda: open(outside).read())
    attempt("write_outside", lambda: open(canary, "w").write("x"))
    attempt("read_through_symlink", lambda: open(os.path.join(flash, "link")).read())
    attempt("write_flash", lambda: open(os.path.join(flash, "f.txt"), "w").write("x"))
    attempt("read_flash", lambda: open(os.path.join(flash, "f.txt")).read())
    attempt("fork", os.fork)
    attempt("spawn", lambda: os.posix_spawn("/bin/sh", ["sh", "-c", "touch " + canary], {}))
    attempt("system", lambda: os.system("touch " + canary))
    attempt("environ", lambda: dict(os.environ))
    attempt("proc_environ", lambda: open("/proc/self/environ", "rb").read())
    attempt("tcp", lambda: socket.create_connection(("127.0.0.1", 9), timeout=1))
    attempt("udp", lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
    attempt("raise_rlimit", lambda: __import__("resource").setrlimit(
        __import__("resource").RLIMIT_AS, (-1, -1)))
    attempt("signal_parent", lambda: os.kill(os.getppid(), 0))
    box = []
    t = threading.Thread(target=lambda: box.append(1)); t.start(); t.join()
    results["thread"] = box
    attempt("import_stdlib", lambda: __import__("decimal").Decimal(1))
    print(json.dumps(results))
""")


def probe(tmp_path):
    flash = tmp_path / "flash"
    flash.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("host secret")
    os.symlink(outside, flash / "link")
    canary = tmp_path / "canary"
    env = dict(os.environ, MPT_PROBE_SECRET="s3cret")
    result = subprocess.run([sys.executable, "-c", PROBE, str(flash), str(outside), str(canary)],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), canary


def test_the_os_boundary_alone_stops_host_access(tmp_path):
    results, canary = probe(tmp_path)
    assert results["complete"], results["missing"]
    for name in ("read_outside", "write_outside", "read_through_symlink", "fork", "spawn",
                 "proc_environ", "tcp", "udp", "raise_rlimit", "signal_parent"):
        assert results[name][0] == "refused", (name, results[name])
    assert results["system"][0] == "ok" and results["system"][1] != "0"  # the shell never ran
    assert not canary.exists()
    assert results["environ"] == ["ok", "{}"]


def test_what_a_board_needs_still_works(tmp_path):
    results, _ = probe(tmp_path)
    assert results["write_flash"][0] == "ok" and results["read_flash"] == ["ok", "'x'"]
    assert results["thread"] == [1]
    assert results["import_stdlib"][0] == "ok"


def test_the_seccomp_program_checks_its_architecture_first():
    program = seccomp_program("x86_64", network=False)
    assert len(program) % 8 == 0
    # ld [arch]; jeq AUDIT_ARCH_X86_64; ret KILL
    assert program[:8] == bytes.fromhex("2000000004000000")
    assert program[-8:] == bytes.fromhex("060000000000ff7f")  # ret ALLOW last


def run_mpt(*args, cwd):
    return subprocess.Popen([sys.executable, "-m", "mpt", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("body", ["while True:\n    pass\n", "import time\ntime.sleep(100)\n"])
def test_ctrl_c_ends_a_confined_hang_within_a_second(tmp_path, body):
    (tmp_path / "hang.py").write_text("print('start')\n" + body)
    process = run_mpt("run", "--flash", str(tmp_path / "flash"), "hang.py", cwd=tmp_path)
    assert process.stdout.readline() == "start\n"
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=10)
    assert time.monotonic() - started < 1.0
    assert process.returncode == 130 and "KeyboardInterrupt" in err


def test_a_runaway_allocation_is_the_guests_memory_error(tmp_path):
    from mpt.runtime.board.confine import CONFINED_HEADROOM_BYTES, REPL_THREAD_ROOM_BYTES

    (tmp_path / "grow.py").write_text(
        "l = []\ntry:\n    while True:\n        l.append(bytearray(1000000))\n"
        "except MemoryError:\n    l = None\n    print('MemoryError')\n")
    # The peak is measured by a small launcher: a process forked straight from this test
    # process starts with this process's resident size as its own peak (Linux keeps it across
    # exec), which says nothing about mpt.
    launcher = ("import resource, subprocess, sys\n"
                "status = subprocess.run(sys.argv[1:]).returncode\n"
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, status)\n")
    measured = subprocess.run(
        [sys.executable, "-c", launcher, sys.executable, "-m", "mpt", "run", "--flash",
         str(tmp_path / "flash"), "grow.py"], cwd=tmp_path, capture_output=True, text=True,
        timeout=300)
    *out, peak_status = measured.stdout.splitlines()
    max_rss_kib, status = (int(field) for field in peak_status.split())
    assert status == 0 and out == ["MemoryError"], measured.stdout + measured.stderr
    # ru_maxrss is in KiB on Linux: the start-up size (well under 256 MiB) plus the bound
    assert max_rss_kib * 1024 < (256 << 20) + CONFINED_HEADROOM_BYTES + REPL_THREAD_ROOM_BYTES
