"""The `_thread` module on the boards whose firmware has it (rp2: core1; esp32: GIL threads).

The webassembly build of MicroPython has no `_thread`, so the reference here is MicroPython's
own thread tests (MPT_MICROPYTHON_SRC's tests/thread): each is run on the emulated board and
compared as its run-tests.py compares it, with its .exp file, else with CPython's output of
the same program. Port behaviour (rp2's single extra thread and its idents) is checked against
what ports/rp2/mpthreadport.c does.
"""

import re
import signal
import subprocess
import sys
import threading

import pytest
from board_runner import guest_output, run_guest
from reference_tools import needs_micropython_source, source_path
from waiting import wait_until

# MicroPython's tests/thread programs that do not depend on the unix port (no stdin, no
# micropython.heap_lock/schedule internals): their output is deterministic on every port
PORTABLE = ["thread_exc1", "thread_exit1", "thread_exit2", "thread_gc1", "thread_ident1",
            "thread_lock1", "thread_lock4_intbig", "thread_lock5", "thread_qstr1",
            "thread_shared1", "thread_sleep1", "thread_start1", "thread_start2",
            "thread_stacksize1", "stress_create", "stress_recurse", "thread_coop",
            "thread_exc2"]
MANY_THREADS = ["thread_lock2", "thread_lock3", "thread_shared2", "stress_heap",
                "mutate_bytearray", "mutate_instance", "mutate_list", "mutate_set"]
RP2_SKIPS = {"thread_lock2", "thread_lock3", "thread_shared2", "stress_heap"}  # run-tests.py's


def _expected(test: str) -> str:
    """What run-tests.py compares with: the .exp file, else CPython running the program."""
    exp = source_path("tests", "thread", test + ".py.exp")
    if exp.is_file():
        return exp.read_text()
    result = subprocess.run([sys.executable, str(source_path("tests", "thread", test + ".py"))],
                            capture_output=True, text=True, timeout=120,
                            cwd=source_path("tests", "thread"))
    assert result.returncode == 0, result.stderr
    return result.stdout


def _line_regex(line: str) -> str:
    """A regex .exp line as run-tests.py reads it: a backslash makes the next character a
    regex operator, every other operator character is literal."""
    out, escaped = [], False
    for c in line:
        if escaped:
            out.append(c)
            escaped = False
        elif c == "\\":
            escaped = True
        else:
            out.append(re.escape(c) if c in "()[]{}.*+^$" else c)
    return "".join(out)


def _matches(expected: str, output: str) -> bool:
    """Compare as run-tests.py does: exactly, or line by line for a regex .exp."""
    if "\\" not in expected:
        return output == expected
    want, got = expected.splitlines(), output.splitlines()
    return len(want) == len(got) and all(
        re.fullmatch(_line_regex(w) + r"\r*", g) for w, g in zip(want, got))


def _run_reference_test(tmp_path, test: str, board: str) -> str:
    source = source_path("tests", "thread", test + ".py").read_text()
    return guest_output(tmp_path, source, board)


@needs_micropython_source
@pytest.mark.parametrize("test", PORTABLE + MANY_THREADS)
def test_micropython_thread_tests_on_esp32(tmp_path, test):
    output = _run_reference_test(tmp_path, test, "esp32")
    assert _matches(_expected(test), output.replace("main_test.py", test + ".py")), output
    assert not [t for t in threading.enumerate() if t.name == "mpt-guest-thread"]


@needs_micropython_source
@pytest.mark.parametrize("test", [t for t in PORTABLE if t not in RP2_SKIPS])
def test_micropython_thread_tests_on_rp2(tmp_path, test):
    output = _run_reference_test(tmp_path, test, "rp2")
    assert _matches(_expected(test), output.replace("main_test.py", test + ".py")), output


def test_rp2_runs_one_thread_on_core1(tmp_path):
    # core1 starts the thread at once; while it runs, core1 is in use (mpthreadport.c)
    out = guest_output(tmp_path, """
        import _thread
        lock = _thread.allocate_lock()
        lock.acquire()
        def worker(tag, *, extra):
            print("worker", tag, extra, _thread.get_ident())
            lock.acquire()
            print("worker done")
        print("started", _thread.start_new_thread(worker, ("a",), {"extra": 1}))
        try:
            _thread.start_new_thread(worker, ("b",), {"extra": 2})
        except OSError as e:
            print("OSError", e.args)
        print("main", _thread.get_ident())
        lock.release()
        while True:
            try:
                print("again", _thread.start_new_thread(print, ("on core1",)))
                break
            except OSError:
                pass
        """, "rp2")
    assert out == ("worker a 1 2\nstarted 2\nOSError ('core1 in use',)\nmain 1\n"
                   "worker done\non core1\nagain 2\n")


def test_pyboard_firmware_has_no_thread_module(tmp_path):
    status, out = run_guest(tmp_path, "import _thread\n", "pyboard")
    assert status == 1 and out.endswith("ImportError: no module named '_thread'\n")


def test_lock_methods_and_errors(tmp_path):
    out = guest_output(tmp_path, """
        import _thread
        lock = _thread.allocate_lock()
        print(type(lock) is _thread.LockType, lock.locked(), lock.acquire(), lock.locked())
        print(lock.acquire(0), lock.acquire(False), lock.acquire(0, 0.5))
        lock.release()
        try:
            lock.release()
        except RuntimeError as e:
            print("RuntimeError", e.args)
        with lock as got:
            print("inside", got, lock.locked())
        print(lock.locked())
        print(_thread.stack_size(), _thread.stack_size(8192), _thread.stack_size())
        try:
            _thread.LockType()
        except TypeError as e:
            print(e)
        try:
            _thread.start_new_thread(print, 1)
        except TypeError:
            print("TypeError args")
        try:
            _thread.start_new_thread(print, (), [])
        except TypeError as e:
            print(e)
        """, "esp32")
    assert out == ("True False True True\nFalse False False\nRuntimeError ()\n"
                   "inside True True\nFalse\n0 0 8192\ncan't create 'lock' instances\n"
                   "TypeError args\nexpecting a dict for keyword args\n")


def test_unhandled_exception_in_a_thread_is_printed_as_the_firmware_does(tmp_path):
    out = guest_output(tmp_path, """
        import _thread, time
        def boom(n):
            raise ValueError("bad", n)
        def leave():
            _thread.exit()
        _thread.start_new_thread(leave, ())
        _thread.start_new_thread(boom, (3,))
        time.sleep(1)
        print("main goes on")
        """, "esp32")
    assert re.fullmatch(r"Unhandled exception in thread started by <function boom at 0x[0-9a-f]+>\n"
                        r"Traceback \(most recent call last\):\n"
                        r'  File "main_test.py", line 4, in boom\n'
                        r"ValueError: \('bad', 3\)\n"
                        r"main goes on\n", out), out


INTERLEAVED = """
    import _thread, time
    lock = _thread.allocate_lock()
    log = []
    def count(tag, n):
        for i in range(n):
            with lock:
                log.append(tag)
            if i % 7 == 0:
                time.sleep_ms(1)
    for tag in "abc":
        _thread.start_new_thread(count, (tag, 200))
    count("m", 200)
    while len(log) < 800:
        time.sleep_ms(5)
    print("".join(log))
    print(time.ticks_ms())
"""


def test_virtual_time_interleaving_is_the_same_every_run(tmp_path):
    first = guest_output(tmp_path, INTERLEAVED, "esp32")
    second = guest_output(tmp_path, INTERLEAVED, "esp32")
    assert first == second
    log = first.splitlines()[0]
    assert sorted(set(log)) == ["a", "b", "c", "m"] and len(log) == 800
    assert len(re.findall("a+|b+|c+|m+", log)) > 8  # the threads really took turns


def test_threads_stop_when_the_program_ends(tmp_path):
    status, out = run_guest(tmp_path, """
        import _thread
        def stubborn():
            while True:
                try:
                    while True:
                        pass
                except BaseException:
                    print("caught")
                finally:
                    print("finally")
        _thread.start_new_thread(stubborn, ())
        for i in range(1000):
            pass
        print("main ends")
        """, "esp32")
    assert status == 0 and out == "main ends\n"
    assert not [t for t in threading.enumerate() if t.name == "mpt-guest-thread"]


def test_ctrl_c_stops_a_main_thread_waiting_for_a_lock(tmp_path):
    script = tmp_path / "wait.py"
    # the thread only runs once the main thread waits (esp32: at its next switch point), so
    # "waiting" means the main thread is in lock.acquire()
    script.write_text("import _thread\nlock = _thread.allocate_lock()\nlock.acquire()\n"
                      "def spin():\n    print('waiting')\n    while True:\n        pass\n"
                      "_thread.start_new_thread(spin, ())\nlock.acquire()\n")
    process = subprocess.Popen([sys.executable, "-m", "mpt", "run", "--board", "esp32",
                                str(script)], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    first = process.stdout.readline()
    assert first == "waiting\n"
    process.send_signal(signal.SIGINT)
    wait_until(lambda: process.poll() is not None, what="mpt run to stop after Ctrl-C")
    out, err = process.communicate(timeout=20)
    assert process.returncode == 130 and out == ""
    assert err == ('Traceback (most recent call last):\n  File "wait.py", line 9, in <module>\n'
                   "KeyboardInterrupt: \n")


def test_a_class_body_sees_its_own_namespace_in_each_thread(tmp_path):
    out = guest_output(tmp_path, """
        import _thread, time
        out = []
        def make(tag):
            class C:
                name = tag
                time.sleep_ms(1)
                names = sorted(n for n in locals() if not n.startswith("__"))
            out.append((C.name, C.names))
        for t in "ab":
            _thread.start_new_thread(make, (t,))
        make("m")
        while len(out) < 3:
            time.sleep_ms(1)
        print(sorted(out))
        """, "esp32")
    assert out == "[('a', ['name']), ('b', ['name']), ('m', ['name'])]\n"


def test_repl_threads_run_while_later_lines_do_and_stop_at_soft_reset(tmp_path):
    from mpt.runtime.board.board import Board
    from mpt.runtime.board.session import GuestSession

    board = Board("rp2", flash_dir=tmp_path / "flash", virtual_time=True)
    out: list = []
    session = GuestSession(board, stdout=out.append, stderr=out.append)
    source = ("import _thread, time\nticks = []\n"
              "def tick():\n    while True:\n        ticks.append(1)\n        time.sleep_ms(10)\n"
              "_thread.start_new_thread(tick, ())\n")
    assert session.run_source(source, "<stdin>").status == "ok"
    assert session.run_source("time.sleep_ms(100)", "<stdin>", "single").status == "ok"
    assert session.run_source("len(ticks) > 5", "<stdin>", "single").status == "ok"
    session.soft_reset()
    assert "".join(out) == "True\n"
    assert not [t for t in threading.enumerate() if t.name == "mpt-guest-thread"]
    session.close()


def test_threads_run_while_the_device_repl_waits_for_input(tmp_path):
    from mpt.runtime.board.board import Board
    from mpt.runtime.board.repl import BoardSession
    from mpt.runtime.board.vm_executor import VMExecutor

    board = Board("rp2", flash_dir=tmp_path / "flash", virtual_time=True)
    executor = VMExecutor(board)
    out = bytearray()
    session = BoardSession(executor, out.extend, banner=board.profile.banner)
    executor.attach(session)
    session.start()
    try:
        assert session.wait_idle(20)
        session.feed(b"import _thread\rlock = _thread.allocate_lock()\rlock.acquire()\r"
                     b"_thread.start_new_thread(lambda: (lock.acquire(), print('core1 ran')),"
                     b" ())\r")
        assert session.wait_idle(20)
        assert b"core1 ran\r\n" not in out
        session.feed(b"lock.release()\r")  # the REPL waits for input again: core1 goes on
        wait_until(lambda: b"core1 ran\r\n" in out, what="the thread to run")
        session.feed(b"\x04")  # soft reset: the thread is gone
        assert session.wait_idle(20)
        assert not [t for t in threading.enumerate() if t.name == "mpt-guest-thread"]
    finally:
        session.close()


def test_no_room_for_another_thread_is_the_firmwares_oserror(tmp_path):
    # `mpt run` caps the address space; each guest thread's host stack takes a share of it
    script = tmp_path / "many.py"
    script.write_text("import _thread\nlock = _thread.allocate_lock()\nlock.acquire()\n"
                      "def f():\n    lock.acquire()\n    lock.release()\n"
                      "n = 0\ntry:\n    for i in range(200):\n"
                      "        _thread.start_new_thread(f, ())\n        n += 1\n"
                      "except OSError as e:\n    print(repr(e), n > 5)\nlock.release()\n")
    result = subprocess.run([sys.executable, "-m", "mpt", "run", "--board", "esp32",
                             "--virtual-time", str(script)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "OSError(\"can't create thread\",) True\n", "")


SCHEDULING_THREAD = """
    import _thread, time, micropython
    n = 0
    ran_on = set()
    run = True
    def task(x):
        global n
        n += 1
        ran_on.add(_thread.get_ident())
    def thread():
        while run:
            try:
                micropython.schedule(task, None)
            except RuntimeError:  # queue full: back off
                time.sleep_ms(1)
    _thread.start_new_thread(thread, ())
    t = time.ticks_ms()
    while n < 500 and time.ticks_diff(time.ticks_ms(), t) < 60000:
        time.sleep(0)
    run = False
    time.sleep_ms(20)
    print(n >= 500, ran_on == {_thread.get_ident()})
"""


@pytest.mark.parametrize("virtual_time", [True, False])
@pytest.mark.parametrize("board", ["rp2", "esp32"])
def test_a_thread_that_keeps_scheduling_callbacks_still_takes_turns(tmp_path, board,
                                                                    virtual_time):
    # (MicroPython's tests/thread/stress_schedule.py, shorter.) Each schedule() arms the
    # check point the thread's own loop reaches; that check point must still count as its
    # backward jump, or the main thread never runs again. Without a GIL (rp2) only the main
    # thread runs the callbacks (py/scheduler.c, mp_handle_pending); with one (esp32) any
    # thread may.
    out = guest_output(tmp_path, SCHEDULING_THREAD, board, virtual_time=virtual_time)
    ready, main_only = out.split()
    assert ready == "True"
    if board == "rp2":
        assert main_only == "True"


SCHEDULE_DEPTH = """
    import micropython
    def f(x):
        pass
    def fill(_):  # the scheduler is locked inside a callback: nothing queued runs
        for i in range(20):
            try:
                micropython.schedule(f, i)
            except RuntimeError as e:
                print(i, repr(e))
                break
    micropython.schedule(fill, None)
    for i in range(3):
        pass
"""


@needs_micropython_source
@pytest.mark.parametrize("board, port", [("rp2", "rp2"), ("esp32", "esp32"),
                                         ("pyboard", "stm32")])
def test_the_schedule_queue_is_as_deep_as_the_ports(tmp_path, board, port):
    config = source_path("ports", port, "mpconfigport.h").read_text()
    depth = re.search(r"#define MICROPY_SCHEDULER_DEPTH\s+\((\d+)\)", config)
    assert depth is not None
    assert guest_output(tmp_path, SCHEDULE_DEPTH, board) == \
        f"{depth.group(1)} RuntimeError('schedule queue full',)\n"


TEN_THREADS = """\
import _thread, time
lock = _thread.allocate_lock()
lock.acquire()
done = []
def f(i):
    lock.acquire()
    done.append(i)
    lock.release()
n = 0
try:
    for i in range(10):
        _thread.start_new_thread(f, (i,))
        n += 1
except OSError as e:
    print(repr(e))
lock.release()
while len(done) < n:
    time.sleep_ms(10)
print("started", n, sorted(done) == list(range(n)))
"""


@pytest.mark.parametrize("how", [["run", "--board", "esp32"], ["-p", "emu://esp32", "run"]])
def test_a_confined_esp32_starts_ten_threads(tmp_path, how):
    # MicroPython's tests/thread/stress_heap.py and thread_lock3.py start ten, which the
    # firmware's heap has room for; the confined process's address-space cap must too, on
    # a board served by `mpt emulate` (its REPL thread's stack reserves room) as under `mpt run`
    (tmp_path / "ten.py").write_text(TEN_THREADS)
    result = subprocess.run([sys.executable, "-m", "mpt", *how, "ten.py"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (0, "started 10 True\n"), result.stderr
