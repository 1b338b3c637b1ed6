"""The guest session: the one run path (mpt run, the device REPL, the Python API)."""

from mpt.runtime.board.board import Board
from mpt.runtime.board.session import GuestSession


def make(tmp_path, files=None):
    board = Board("rp2", flash_dir=tmp_path / "flash", virtual_time=True)
    for name, text in (files or {}).items():
        (tmp_path / "flash" / name).write_text(text)
    out, err = [], []
    return GuestSession(board, stdout=out.append, stderr=err.append), out, err


def test_repl_lines_share_main_and_soft_reset_starts_afresh(tmp_path):
    session, out, err = make(tmp_path)
    assert session.run_source("x = 6 * 7", "<stdin>", "single").status == "ok"
    assert session.run_source("x", "<stdin>", "single").status == "ok"
    session.soft_reset()
    outcome = session.run_source("x", "<stdin>", "single")
    assert "".join(out) == "42\n"
    assert outcome.status == "exception"
    assert outcome.error_text.endswith("NameError: name 'x' isn't defined\n")


def test_outcomes_map_to_the_exit_statuses_of_mpt_run(tmp_path):
    session, out, err = make(tmp_path)
    cases = [("pass", 0, ""),
             ("raise ValueError('v')", 1, "ValueError: v\n"),
             ("raise KeyboardInterrupt", 130, "KeyboardInterrupt: \n"),
             ("import sys\nsys.exit(5)", 5, ""),
             ("import sys\nsys.exit('no')", 1, "no\n"),
             ("import machine\nmachine.reset()\nprint('never')", 0,
              "MPY: board reset (HARD_RESET): machine.reset() was called\n")]
    for source, status, tail in cases:
        err.clear()
        assert session.exit_status(session.run_source(source, "t.py")) == status, source
        assert "".join(err).endswith(tail), (source, err)
    assert out == []


def test_boot_py_runs_first_in_the_same_globals_and_a_failing_one_skips_the_program(tmp_path):
    session, out, err = make(tmp_path, {"boot.py": "greeting = 'hi'\n"})
    assert session.boot_and_run(b"print(greeting)\n", "p.py").status == "ok"
    assert "".join(out) == "hi\n"
    session, out, err = make(tmp_path, {"boot.py": "1/0\n"})
    outcome = session.boot_and_run(b"print('program')\n", "p.py")
    assert (outcome.status, "".join(out)) == ("exception", "")
    assert 'File "boot.py", line 1' in outcome.error_text


def test_source_sent_again_is_compiled_once_and_runs_afresh_each_time(tmp_path):
    session, out, err = make(tmp_path)
    runtime = session.interpreter.runtime
    compiles = []
    compiler = runtime.compiler

    def counting(source, filename, **options):
        compiles.append((source, options))
        return compiler(source, filename, **options)

    runtime.compiler = counting
    helper = ("def f(seen=[]):\n    seen.append(1)\n    return len(seen)\n"
              "print(f(), f(), 'g' in globals())\ng = 1\n")
    for _ in range(3):
        assert session.run_source(helper, "<stdin>").status == "ok"
    assert "".join(out) == "1 2 False\n1 2 True\n1 2 True\n"  # a new f (and list) each time
    assert len(compiles) == 1
    # the settings code is compiled with are part of what is kept
    assert session.run_source("import micropython\nmicropython.opt_level(1)", "<stdin>"
                              ).status == "ok"
    out.clear()
    assert session.run_source(helper, "<stdin>").status == "ok"
    assert (len(compiles), compiles[-1][1]["opt_level"]) == (3, 1)
    # a syntax error is reported each time, never kept
    for _ in range(2):
        outcome = session.run_source("def (:", "<stdin>")
        assert outcome.error_text.endswith("SyntaxError: invalid syntax\n")
    assert len(compiles) == 5
    # the guest's own compiles are its own
    assert session.run_source("for i in range(2):\n    exec('h = 1')", "<stdin>").status == "ok"
    assert len(compiles) == 8
