"""Seeded fuzz of .mpy files (issue 15): .mpy files compiled from small programs, then cut short,
with bytes replaced, flipped, inserted or deleted, go through the disassembler, the Python API
loader (mpt.runtime.Interpreter), `mpt disasm` and `mpt run`. A mutated file is refused as a
bad .mpy, or loads and runs to a guest outcome (output, a guest exception, sys.exit, a loop
interrupted with Ctrl-C); never a host traceback, an internal error, a hang, or an exit code
the README does not document."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import threading

from mpt.crosscompile.api import compile_source
from mpt.errors import InternalError, MptError
from mpt.mpy.disasm import disassemble_mpy
from mpt.mpy.mpyfile import read_mpy
from mpt.runtime.board.api import Interpreter
from tests.inputs.inproc import Hang, fuzz_budget, run_mpt

SEED, API_CASES = fuzz_budget(1529, 1500)
_, DISASM_CASES = fuzz_budget(1529, 2000)
_, CLI_DISASM_CASES = fuzz_budget(1529, 60)
_, CLI_RUN_CASES = fuzz_budget(1529, 8)
GUEST_DEADLINE_S = 1.0   # then the guest gets a KeyboardInterrupt (Ctrl-C)
HOST_DEADLINE_S = 10.0   # past this after the interrupt: a hang of mpt itself

PROGRAMS = {
    "flow.py": """\
import sys
def f(a, b=2, *c, **d):
    x = [i * a for i in range(b)]
    try:
        y = {'k': x, 'n': (1, 2.5, "s", b"b")}
    except ValueError as e:
        y = None
    finally:
        z = len(x)
    return x, y, c, d, z
class C:
    def m(self):
        return f(1, 3, 4, z=5)
for i in range(3):
    print(C().m())
while i < 10:
    i += 1
    if i == 7:
        break
print(sys.argv, i)
""",
    "gen.py": """\
def counter(n):
    total = 0
    def add(k):
        nonlocal total
        total += k
        return total
    for i in range(n):
        yield add(i)
with open('/nope', 'w') if False else memoryview(b'ab') as m:
    pass
print(list(counter(5)), sum(x for x in counter(4) if x % 2))
import json
print(json.dumps({'a': [1, 2, {'b': None}]}), 2 ** 70, 7 // 2, -7 % 3, 1.5e3)
""",
}
DOCUMENTED = {0, 1, 2, 3, 4, 130}  # and n, from the program's own sys.exit(n)
HOST_TRACEBACK = re.compile(r'File "[^"]*[/\\](mpt|site-packages|lib/python)[^"]*\.py", line')


def _corpus() -> list[bytes]:
    return [compile_source(text.encode(), name) for name, text in PROGRAMS.items()]


def mutate(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.2:
        return data[:rng.randrange(len(data))]
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out))
        action = rng.random()
        if action < 0.4:
            out[at] = rng.randrange(256)
        elif action < 0.65:
            out[at] ^= 1 << rng.randrange(8)
        elif action < 0.85:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 3)))
        else:
            del out[at:at + rng.randint(1, 3)]
    return bytes(out)


def _cases(count: int, salt: int, *, readable: bool = False):
    """``count`` mutated files; ``readable``: only those whose header and tables still read
    (so that the costly surfaces spend their cases on running code)."""
    rng = random.Random(SEED * 1000 + salt)
    corpus = _corpus()
    made = 0
    while made < count:
        data = mutate(rng.choice(corpus), rng)
        if readable:
            try:
                read_mpy(data)
            except MptError:
                continue
        made += 1
        yield data


def _with_deadline(action):
    """Run ``action``; "HANG" if it outlives HOST_DEADLINE_S."""
    def expire(signum, frame):
        raise Hang()
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, HOST_DEADLINE_S)
    try:
        return action()
    except Hang:
        return "HANG"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _report(surface: str, count: int, tally: dict, problems: list) -> None:
    print(f"\n.mpy fuzz, {surface}: {count} inputs (seed {SEED}): "
          + ", ".join(f"{k}: {v}" for k, v in sorted(tally.items())))
    assert problems == [], "\n".join(problems[:5])


def test_the_disassembler_refuses_or_dumps_every_mutated_file():
    tally: dict[str, int] = {}
    problems = []
    for case, data in enumerate(_cases(DISASM_CASES, 1)):
        def disassemble():
            try:
                disassemble_mpy(data)
                return "dumped"
            except InternalError as exc:
                return f"INTERNAL {exc}"
            except MptError:
                return "refused"
            except Exception as exc:  # noqa: BLE001 - a host traceback
                return f"TRACEBACK {type(exc).__name__}: {exc}"
        result = _with_deadline(disassemble)
        tally[result.split()[0]] = tally.get(result.split()[0], 0) + 1
        if result not in ("dumped", "refused"):
            problems.append(f"case {case}: {result} for {data.hex()}")
    _report("disassembler", DISASM_CASES, tally, problems)
    assert tally.get("dumped") and tally.get("refused")


def test_the_api_loader_refuses_or_runs_every_mutated_file():
    tally: dict[str, int] = {}
    problems = []
    for case, data in enumerate(_cases(API_CASES, 2)):
        interpreter = Interpreter(stdout=lambda text: None, stderr=lambda text: None)
        timer = threading.Timer(GUEST_DEADLINE_S, interpreter.interrupt)

        def run():
            timer.start()
            try:
                status = interpreter.run_module_bytes(data)
                return "interrupted" if status == 130 else f"ran, status {min(status, 2)}"
            except InternalError as exc:
                return f"INTERNAL {exc}"
            except MptError:
                return "refused"
            except Exception as exc:  # noqa: BLE001 - a host traceback
                return f"TRACEBACK {type(exc).__name__}: {exc}"
            finally:
                timer.cancel()
        result = _with_deadline(run)
        key = result if result.startswith(("ran", "refused", "interrupted")) else \
            result.split()[0]
        tally[key] = tally.get(key, 0) + 1
        if key in ("INTERNAL", "TRACEBACK", "HANG"):
            problems.append(f"case {case}: {result} for {data.hex()}")
    _report("Python API loader", API_CASES, tally, problems)
    assert tally.get("refused") and any(k.startswith("ran") for k in tally)


def test_mpt_disasm_gives_one_error_line_or_the_dump(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tally: dict[str, int] = {}
    problems = []
    for case, data in enumerate(_cases(CLI_DISASM_CASES, 3)):
        (tmp_path / "m.mpy").write_bytes(data)
        outcome = run_mpt(["disasm", "m.mpy"])
        key = "traceback" if outcome.traceback else "hang" if outcome.hang else \
            f"exit {outcome.code}"
        tally[key] = tally.get(key, 0) + 1
        if outcome.traceback or outcome.hang or outcome.code not in DOCUMENTED or (
                outcome.code and len(outcome.error_lines) != 1):
            problems.append(f"case {case}: {key} {outcome.stderr[-300:]}"
                            f"{outcome.traceback[-600:]} for {data.hex()}")
    _report("mpt disasm", CLI_DISASM_CASES, tally, problems)


def test_mpt_run_ends_with_a_documented_exit_code(tmp_path):
    tally: dict[str, int] = {}
    problems = []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for case, data in enumerate(_cases(CLI_RUN_CASES, 4, readable=True)):
        (tmp_path / "m.mpy").write_bytes(data)
        proc = subprocess.Popen([sys.executable, "-m", "mpt", "run", "m.mpy"], cwd=tmp_path,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, env=env)
        try:
            _, err = proc.communicate(timeout=GUEST_DEADLINE_S + 4)
        except subprocess.TimeoutExpired:  # a guest loop: Ctrl-C, as a user would
            proc.send_signal(signal.SIGINT)
            try:
                _, err = proc.communicate(timeout=HOST_DEADLINE_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                _, err = proc.communicate()
                problems.append(f"case {case}: hang for {data.hex()}")
                tally["hang"] = tally.get("hang", 0) + 1
                continue
        text = err.decode("utf-8", "replace")
        code = proc.returncode
        key = "host traceback" if HOST_TRACEBACK.search(text) else \
            "internal error" if "internal" in text else f"exit {code if code in DOCUMENTED else 'n'}"
        tally[key] = tally.get(key, 0) + 1
        # exit n is only the program's own sys.exit(n): it prints no mpt error line
        if key in ("host traceback", "internal error") or code < 0 or (
                code not in DOCUMENTED and "mpt: error:" in text) or (
                code in (2, 3, 4) and text.count("mpt: error:") != 1):
            problems.append(f"case {case}: exit {code}: {text[-600:]} for {data.hex()}")
    _report("mpt run", CLI_RUN_CASES, tally, problems)
