"""The interpreter facade and the native-module API as the board and REPL code use them."""

from __future__ import annotations

import threading

from mpt.runtime.vm import native
from mpt.runtime import Interpreter


def make(**kw):
    out, err = [], []
    interp = Interpreter(stdout=out.append, stderr=err.append, **kw)
    return interp, out, err


def test_native_module_functions_classes_and_guest_callbacks():
    calls = []

    def factory(ctx):
        class Counter:
            def __init__(self, start):
                self.value = start
                self._secret = "host"

            def bump(self):
                self.value += 1
                return self.value

        def on_event(callback):
            calls.append(ctx.call_guest(callback, 21))

        return {"Counter": Counter, "on_event": on_event, "LIMIT": 3}

    native.register("testmod_native", factory)
    interp, out, err = make()
    status = interp.exec_source(
        "import testmod_native as t\n"
        "c = t.Counter(t.LIMIT)\n"
        "print(c.bump(), c.bump())\n"
        "t.on_event(lambda v: v * 2)\n"
        "try:\n    c._secret\nexcept AttributeError:\n    print('private')\n", "n.py")
    assert (status, "".join(out), "".join(err)) == (0, "4 5\nprivate\n", "")
    assert calls == [42]


def test_interrupt_raises_keyboard_interrupt_in_a_running_loop():
    interp, out, err = make()
    result = {}

    def run():
        result["status"] = interp.exec_source("n = 0\nwhile True:\n    n += 1\n", "loop.py")

    worker = threading.Thread(target=run)
    worker.start()
    for _ in range(50):
        worker.join(0.05)
        interp.interrupt()
        if not worker.is_alive():
            break
    worker.join(5)
    assert result["status"] == 130  # as `mpt run` exits on Ctrl-C
    assert "".join(err).endswith("KeyboardInterrupt: \n")


def test_repl_style_exec_source_keeps_main_namespace():
    interp, out, err = make()
    assert interp.exec_source("x = 40\n", "<stdin>") == 0
    assert interp.exec_source("print(x + 2)\n", "<stdin>") == 0
    assert "".join(out) == "42\n"


def test_compile_error_prints_micropython_traceback():
    interp, out, err = make()
    assert interp.exec_source("def f(:\n", "bad.py") == 1
    assert "".join(err).startswith('Traceback (most recent call last):\n  File "bad.py", line 1')
    assert "".join(err).rstrip().endswith("SyntaxError: invalid syntax")


def test_uncaught_exception_traceback_lines():
    interp, out, err = make()
    src = "def f():\n    raise ValueError('bad')\n\nf()\n"
    assert interp.exec_source(src, "t.py") == 1
    assert "".join(err) == ('Traceback (most recent call last):\n'
                            '  File "t.py", line 4, in <module>\n'
                            '  File "t.py", line 2, in f\n'
                            'ValueError: bad\n')


def test_exit_statuses_are_those_of_mpt_run():
    interp, out, err = make()
    assert interp.exec_source("import sys\nsys.exit(3)\n", "x.py") == 3
    assert interp.exec_source("import sys\nsys.exit(None)\n", "x.py") == 0
    assert interp.exec_source("import sys\nsys.exit(257)\n", "x.py") == 1
    assert (interp.exec_source("import sys\nsys.exit('bye')\n", "x.py"), "".join(err)) \
        == (1, "bye\n")


def test_run_file_sets_argv_and_runs_source_and_mpy(tmp_path):
    from mpt.crosscompile.api import compile_source

    script = tmp_path / "prog.py"
    script.write_text("import sys\nprint(sys.argv)\n")
    (tmp_path / "prog.mpy").write_bytes(compile_source(script.read_text(), "prog.py"))
    interp, out, err = make()
    assert interp.run_file(str(script), argv=["prog.py", "a"]) == 0
    compiled, out2, err2 = make()
    assert compiled.run_file(str(tmp_path / "prog.mpy")) == 0
    assert ("".join(out), "".join(out2), "".join(err + err2)) == (
        "['prog.py', 'a']\n", f"['{tmp_path / 'prog.mpy'}']\n", "")
