"""Ctrl-C while the `mpt` command starts up (importing its modules, before any command runs)
ends it quietly: exit status 130 and at most the one line `mpt: error: interrupted`, never a
Python traceback.

The SIGINT is raised at a chosen moment of the real console script's start-up: a
sitecustomize module (on PYTHONPATH for that child only) sends the signal to its own process
when a given module is about to be imported, so KeyboardInterrupt arises inside that import.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import mpt.cli.main
from mpt.errors import EXIT_INTERRUPTED

MPT = Path(sys.executable).parent / "mpt"  # the console script pip made for the venv

SITECUSTOMIZE = textwrap.dedent('''\
    import os
    import signal
    import sys

    _AT = os.environ.pop("MPT_TEST_SIGINT_AT_IMPORT")


    class _InterruptAtImport:
        """Raises SIGINT in this process the first time module _AT is looked for."""

        def find_spec(self, name, path=None, target=None):
            if name == _AT:
                sys.meta_path.remove(self)
                os.kill(os.getpid(), signal.SIGINT)
            return None


    sys.meta_path.insert(0, _InterruptAtImport())
    ''')


def run_interrupted_at(module: str, args: list[str], tmp_path) -> subprocess.CompletedProcess:
    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE)
    env = dict(os.environ, MPT_TEST_SIGINT_AT_IMPORT=module,
               PYTHONPATH=os.pathsep.join([str(hook), *filter(None, [
                   os.environ.get("PYTHONPATH")])]))
    return subprocess.run([str(MPT), *args], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)


@pytest.fixture
def script(tmp_path):
    path = tmp_path / "hello.py"
    path.write_text("print('hello')\n")
    return path


@pytest.mark.skipif(not MPT.is_file(), reason="no console script next to the interpreter")
@pytest.mark.parametrize("module, args", [
    ("mpt.errors", ["--version"]),                   # main()'s first import
    ("click", ["--version"]),                        # the command line parser
    ("mpt.cli.compile_cmd", ["compile", "hello.py"]),  # the plain compile path
    ("mpt.crosscompile.api", ["compile", "hello.py"]),
    ("mpt.cli.run_emulated", ["run", "hello.py"]),     # the plain run path
    ("mpt.cli.board_cmds", ["-p", "emu://rp2", "exec", "print(1)"]),  # a board command
])
def test_ctrl_c_during_start_up_is_one_line_and_130(module, args, script, tmp_path):
    result = run_interrupted_at(module, args, tmp_path)
    assert result.returncode == EXIT_INTERRUPTED, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() in ("", "mpt: error: interrupted"), result.stderr
    assert result.stdout == ""


@pytest.mark.skipif(not MPT.is_file(), reason="no console script next to the interpreter")
def test_the_hook_interrupts_where_it_is_told(script, tmp_path):
    """Without the hook the command runs; with it on a module never imported, too."""
    result = run_interrupted_at("no.such.module", ["compile", "hello.py"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "hello.mpy").is_file()


def test_the_entry_module_states_the_documented_status():
    assert mpt.cli.main.EXIT_INTERRUPTED == EXIT_INTERRUPTED == 130
