"""The Python API's guest runs in a child process the OS confines (issue 9:
mpt.runtime.board.api_process): `mpt.runtime.Interpreter()` keeps the guest from the caller's
process and from the host even with mpt's in-process filter switched off; only
`emulator_process=False` runs it in the caller's process."""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest

from mpt.errors import UsageError
from mpt.runtime import Interpreter
from mpt.runtime.board import api, api_process, supervisor
from waiting import DEADLINE_S, wait_until

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the OS boundary is Linux only")

SECRET = "mpt-api-secret-51c9"


@pytest.fixture(autouse=True)
def library_default(monkeypatch):
    monkeypatch.setattr(api, "INTERPRETER_PROCESS_BY_DEFAULT", True)  # the library's own


def child_started_with(monkeypatch, prelude: str) -> None:
    """The guest's process runs ``prelude`` first (a test-only switch, as
    tests/runtime/filter_off.py is for the command line)."""
    code = f"import sys\n{prelude}\nfrom mpt.runtime.board import api_process\n" \
           "api_process.main(sys.argv[1:])\n"
    monkeypatch.setattr(api_process, "CHILD_COMMAND", [sys.executable, "-c", code])


def make(**kw):
    out: list[str] = []
    err: list[str] = []
    return Interpreter(stdout=out.append, stderr=err.append, **kw), out, err


def proc_status(pid: int) -> dict[str, str]:
    with open(f"/proc/{pid}/status") as status:
        return dict(line.split(":\t", 1) for line in status.read().splitlines()
                    if ":\t" in line)



def interrupt_stuck_guest(interp, out) -> float:
    """Run `stuck.wait()` on a thread, interrupt it once it started, and return how long
    the run took to end after the interrupt (it must end with status 130)."""
    result = {}

    def run():
        result["status"] = interp.exec_source("import stuck\nprint('start')\nstuck.wait()\n")

    worker = threading.Thread(target=run)
    worker.start()
    wait_until(lambda: out == ["start\n"], what="the guest to start")
    sent = time.monotonic()
    interp.interrupt()
    worker.join(DEADLINE_S)
    seconds = time.monotonic() - sent
    assert result == {"status": 130}
    return seconds

def test_the_guest_runs_in_a_confined_child_by_default(tmp_path):
    lines = iter(["typed\n"])
    interp, out, err = make(stdin=lambda: next(lines), script_dir=str(tmp_path))
    try:
        script = tmp_path / "prog.py"
        (tmp_path / "helper.py").write_text("VALUE = 'imported'\n")
        script.write_text("import sys, helper\nprint(helper.VALUE, sys.argv)\nx = 40\n"
                          "sys.exit(3)\n")
        assert interp.run_file(str(script), argv=["prog.py", "a"]) == 3
        pid = interp.process_id
        assert pid is not None and pid != os.getpid()
        fields = proc_status(pid)
        assert fields["NoNewPrivs"].strip() == "1" and fields["Seccomp"].strip() == "2"
        # the same __main__ between calls; output and input cross over
        assert interp.exec_source("print(x + 2, input())\n") == 0
        assert interp.exec_source("raise ValueError(7)\n") == 1
        assert "".join(out) == "imported ['prog.py', 'a']\n42 typed\n"
        assert "".join(err).endswith("ValueError: 7\n")
        with pytest.raises(UsageError, match="emulator_process=False"):
            interp.runtime
    finally:
        interp.close()
    assert not os.path.exists(f"/proc/{pid}") or proc_status(pid)["State"].startswith("Z")


def test_objects_that_cannot_leave_this_process_ask_for_it():
    with pytest.raises(UsageError, match="emulator_process=False"):
        Interpreter(board=object())
    interp, out, _ = make(emulator_process=False)  # for code you trust
    assert interp.exec_source("print(6 * 7)\n") == 0 and out == ["42\n"]
    assert interp.process_id is None and interp.runtime is not None


ATTACK = """
def running():
    f = me.gi_frame
    while f is not None:
        b = f.f_builtins
        try:
            b['__import__']('os').system('touch {canary}')
        except Exception as e:
            print('system refused', type(e).__name__)
        try:
            print(b['open']('{secret}').read())
        except Exception as e:
            print('open refused', type(e).__name__)
        try:
            print('environ', dict(b['__import__']('os').environ))
        except Exception as e:
            print('environ refused', type(e).__name__)
        f = f.f_back
    yield 1
me = running()
next(me)
print('done')
"""


@pytest.mark.parametrize("confined", [True, False], ids=["child", "in-process"])
def test_an_escape_with_the_filter_off_is_stopped_by_the_os(tmp_path, monkeypatch, confined):
    """The filter switched off (a test-only switch): a walk up a running generator's frames
    reaches the host's builtins. In the confined child, the OS refuses the command, the file
    and the environment; in this process (emulator_process=False) the same program gets
    through, which shows that the attack is real."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    canary = tmp_path / "canary"
    source = ATTACK.format(canary=canary, secret=secret)
    if confined:
        child_started_with(monkeypatch, "from mpt.runtime.vm import attrfilter\n"
                                        "attrfilter.FILTER_ON = False")
        os.environ["MPT_API_TEST_VARIABLE"] = SECRET  # the child inherits it, then drops it
        try:
            interp, out, err = make()
        finally:
            del os.environ["MPT_API_TEST_VARIABLE"]
        try:
            assert interp.exec_source(source) == 0, err
        finally:
            interp.close()
        text = "".join(out)
        assert text.endswith("done\n") and "open refused" in text, text
        assert SECRET not in text and not canary.exists(), text
        return
    from mpt.runtime.vm import attrfilter
    monkeypatch.setattr(attrfilter, "FILTER_ON", False)
    interp, out, err = make(emulator_process=False)
    interp.exec_source(source)
    assert canary.exists() and SECRET in "".join(out)


def test_a_guest_stuck_in_host_code_is_ended_1_s_after_interrupt(monkeypatch):
    """A host C call that lets no signal handler run (a native module here, as the guest's
    regular expressions or big numbers may be on another interpreter): the child is killed
    and the next run gets a fresh one."""
    child_started_with(monkeypatch, (
        "import hashlib\nfrom mpt.runtime.vm import native\n"
        "native.register('stuck', lambda ctx: {'wait': lambda: hashlib.pbkdf2_hmac("
        "'sha256', b'x', b'y', 2**31 - 1)})"))
    interp, out, err = make()
    try:
        assert interp.exec_source("x = 1\n") == 0
        first = interp.process_id
        seconds = interrupt_stuck_guest(interp, out)
        assert api_process.ANSWER_SECONDS <= seconds < DEADLINE_S
        assert "".join(err).startswith("KeyboardInterrupt")
        assert interp.exec_source("try:\n    x\nexcept NameError:\n    print('fresh')\n") == 0
        assert out[-1] == "fresh\n" and interp.process_id != first
    finally:
        interp.close()


def test_an_interrupt_the_guest_takes_keeps_its_process():
    interp, out, err = make()
    try:
        result = {}

        def run():
            result["status"] = interp.exec_source(
                "x = 'kept'\nprint('start')\ntry:\n    while True:\n        pass\n"
                "except KeyboardInterrupt:\n    print('caught')\n")

        worker = threading.Thread(target=run)
        worker.start()
        wait_until(lambda: out == ["start\n"], what="the guest to start")
        pid = interp.process_id
        interp.interrupt()
        worker.join(DEADLINE_S)
        assert result == {"status": 0} and out == ["start\n", "caught\n"]
        assert interp.exec_source("print(x)\n") == 0 and out[-1] == "kept\n"
        assert interp.process_id == pid
    finally:
        interp.close()


def test_a_guest_that_enters_host_code_after_its_handler_ran_is_ended_too(monkeypatch):
    """The SIGINT handler ran (the interrupt is pending) but the guest went into host C code
    before its next check point: the child said it heard the Ctrl-C, never that the guest
    took it, and is ended once the escalation's time has passed too."""
    child_started_with(monkeypatch, (
        "import hashlib, threading\nfrom mpt.runtime.vm import native\n"
        "from mpt.runtime.board import supervisor\n"
        "handled = threading.Event()\n"
        "answered = supervisor.answered\n"
        "def note():\n"
        "    answered()\n"
        "    handled.set()\n"
        "supervisor.answered = note  # called by the SIGINT handler\n"
        "def wait():\n"
        "    while not handled.is_set():  # host code with no check point: the handler runs\n"
        "        handled.wait(0.01)\n"
        "    hashlib.pbkdf2_hmac('sha256', b'x', b'y', 2**31 - 1)\n"
        "native.register('stuck', lambda ctx: {'wait': wait})"))
    interp, out, err = make()
    try:
        seconds = interrupt_stuck_guest(interp, out)
        assert supervisor.ESCALATE_SECONDS + supervisor.ANSWER_SECONDS <= seconds < DEADLINE_S
        assert interp.exec_source("print(6 * 7)\n") == 0 and out[-1] == "42\n"
    finally:
        interp.close()
