"""Seeded fuzz of what a board sends (issue 15): a board that answers with random bytes, says
nothing, never stops talking, or frames its answers correctly with garbage inside, under the
raw REPL client (mpt/transport) and the file-system client (mpt/fs/remote.py). Every
operation ends within its deadline with its result or a typed MptError: never a host
traceback, never an endless wait."""

from __future__ import annotations

import random
import signal
import time

import pytest

from mpt.errors import MptError
from mpt.fs.remote import BoardFS
from mpt.transport.serial_transport import SerialTransport
from tests.inputs.inproc import Hang, fuzz_budget
from tests.inputs.misbehaving_board import MisbehavingBoard

SEED, FRAMED_CASES = fuzz_budget(1515, 200)
_, RAW_CASES = fuzz_budget(1515, 30)
DEADLINE_S = 5.0  # per operation; the timeouts below are a fraction of it

# answers a real board gives to mpt's snippets, for the fuzzer to mangle
PLAUSIBLE = [
    b"('rp2', '/', 1, 1, 1, 1, 1, 1, 2000)\r\n", b"('rp2', '', 0, 0, 0, 0, 0, 0)\r\n",
    b"(False, 10, 0)\r\n", b"(True, 0, 0)\r\n", b"None\r\n",
    b"[('a.py', False, 5, 0), ('d', True, 0, 0)]\r\n",
    b"('dir', [('a.py', False, 5, 0)])\r\n", b"('file', [('a', False, 3, 0)])\r\n",
    b"'dir'\r\n('a.py', False, 5, 0, '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824')\r\n",
    b"5\r\naGVsbG8=\r\n", b"5\r\nb'hello'\r\n", b"(4096, 4096, 100, 50, 50)\r\n",
    b"'2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'\r\n", b"1\r\n",
]
HOSTILE = [b"(" * 3000 + b")" * 3000, b"1e999999", b"'", b"\xff\xfe\x00", b"[" * 200,
           b"9" * 5000, b"('dir', 5)", b"-1\r\n", b"100\r\n!!!!\r\n", b"('x',) * 9",
           b"{'a': 1}", b"b'\\xff' * 3", b"\r\n\r\n", b">", b"\x04"]
TRACEBACKS = [b"", b"", b"", b"Traceback (most recent call last):\r\nOSError: [Errno 2] ENOENT\r\n",
              b"OSError: 28\r\n", b"MemoryError: memory allocation failed\r\n",
              b"NameError: name '_mpt_ls' isn't defined\r\n", b"\xff\x00garbage",
              b"OSError: [Errno 99999999999999999999] EBOGUS\r\n"]

OPERATIONS = {
    "probe": lambda t, fs: fs.capabilities,
    "stat": lambda t, fs: fs.stat("/a.py"),
    "listdir": lambda t, fs: fs.listdir("/"),
    "list": lambda t, fs: fs.list("d"),
    "walk": lambda t, fs: fs.walk("/", hashes=True),
    "read": lambda t, fs: fs.read_file("/a.py"),
    "write small": lambda t, fs: fs.write_file("/a.py", b"print(1)\n"),
    "write large": lambda t, fs: fs.write_file("/b.bin", bytes(range(256)) * 80),
    "sha256": lambda t, fs: fs.sha256("/a.py"),
    "df": lambda t, fs: fs.df("/"),
    "remove": lambda t, fs: fs.remove("/d", recursive=True),
    "mkdir": lambda t, fs: fs.mkdir("/d/e", parents=True),
    "eval": lambda t, fs: t.eval("1 + 1"),
    "exec": lambda t, fs: t.exec("print(1)"),
    "soft reset": lambda t, fs: t.soft_reset(),
}
RAW_MODES = ["random", "random", "silent", "chatty"]  # slower: each waits out a timeout


def _mangle(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(0, 3)):
        if not data:
            break
        at = rng.randrange(len(data))
        action = rng.random()
        if action < 0.4:
            data[at] = rng.randrange(256)
        elif action < 0.7:
            del data[at:at + rng.randint(1, 8)]
        else:
            data[at:at] = rng.choice(HOSTILE)
    return bytes(data)


def _answers(rng: random.Random) -> list[tuple[bytes, bytes]]:
    answers = []
    for _ in range(rng.randint(1, 6)):
        kind = rng.random()
        if kind < 0.5:
            stdout = _mangle(rng.choice(PLAUSIBLE), rng)
        elif kind < 0.75:
            stdout = rng.choice(HOSTILE)
        else:
            stdout = rng.randbytes(rng.randrange(200)).replace(b"\x04", b"")
        answers.append((stdout.replace(b"\x04", b""), rng.choice(TRACEBACKS)))
    return answers


def _transport(port: MisbehavingBoard) -> SerialTransport:
    class Fuzzed(SerialTransport):
        def _open_port(self, device, wait):
            return port
    return Fuzzed(port.portstr, answer_timeout=0.1, enter_timeout=0.3)


def _run_case(rng: random.Random, mode: str):
    name = rng.choice(sorted(OPERATIONS))
    port = MisbehavingBoard(mode, seed=rng.randrange(2**32), answers=_answers(rng))
    fs = BoardFS(None, timeout=0.3)

    def expire(signum, frame):
        raise Hang()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, DEADLINE_S)
    started = time.monotonic()
    try:
        transport = _transport(port)
        fs.transport = transport
        try:
            OPERATIONS[name](transport, fs)
            result = "ok"
        except MptError as exc:
            assert "\n" not in exc.message.strip(), exc.message
            result = type(exc).__name__
        finally:
            transport.link.close()
    except Hang:
        result = "HANG"
    except Exception as exc:  # noqa: BLE001 - a host traceback: what the fuzz looks for
        import traceback
        result = "TRACEBACK " + "".join(traceback.format_exception(exc))[-1500:]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return mode, name, result, time.monotonic() - started


@pytest.mark.parametrize("modes, cases", [(["framed"], FRAMED_CASES), (RAW_MODES, RAW_CASES)],
                         ids=["framed", "random-silent-chatty"])
def test_a_misbehaving_board_gives_typed_errors_within_the_deadline(modes, cases):
    rng = random.Random(SEED)
    problems, tally = [], {}
    for case in range(cases):
        mode, name, result, took = _run_case(rng, rng.choice(modes))
        key = (mode, "ok" if result == "ok" else "HANG" if result == "HANG" else
               "traceback" if result.startswith("TRACEBACK") else "typed error")
        tally[key] = tally.get(key, 0) + 1
        if result == "HANG" or result.startswith("TRACEBACK"):
            problems.append(f"case {case} ({mode}, {name}): {result}")
    summary = ", ".join(f"{mode} {kind}: {n}" for (mode, kind), n in sorted(tally.items()))
    print(f"\nboard bytes fuzz: {cases} cases (seed {SEED}): {summary}")
    assert problems == []
    # the fuzz reaches every mode, and framed answers not only through errors
    assert {mode for mode, _ in tally} == set(modes)
    if modes == ["framed"]:
        assert tally.get(("framed", "ok"), 0) > 0 and tally.get(("framed", "typed error"), 0) > 0


@pytest.mark.parametrize("mode", ["silent", "chatty"])
def test_a_board_that_never_answers_properly_ends_in_a_connection_error(mode):
    port = MisbehavingBoard(mode)
    started = time.monotonic()
    with pytest.raises(MptError) as caught:
        _transport(port).exec("print(1)")
    assert time.monotonic() - started < DEADLINE_S
    assert "could not enter the raw REPL" in caught.value.message
    assert "bytearray" not in caught.value.message and "b'" not in caught.value.message


def test_errors_quote_the_board_s_text_not_a_bytes_repr():
    port = MisbehavingBoard("framed", answers=[(b"caf\xc3\xa9 \x01 not a literal\r\n", b"")])
    with pytest.raises(MptError) as caught:
        _transport(port).eval("1")
    assert caught.value.message == ('the board answered "café \\x01 not a literal", '
                                    "not a literal value")
