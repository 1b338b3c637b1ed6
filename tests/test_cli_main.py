import subprocess
import sys

import mpt


def run_mpt(*args):
    return subprocess.run([sys.executable, "-m", "mpt", *args], capture_output=True, text=True)


def test_version():
    result = run_mpt("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"mpt {mpt.__version__}"


def test_help_lists_usage():
    result = run_mpt("--help")
    assert result.returncode == 0
    assert "Usage: mpt" in result.stdout


def test_unknown_command_is_one_line_usage_error():
    result = run_mpt("no-such-command")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("mpt: error: ")
    assert "Traceback" not in result.stderr


def one_error_line(result, code):
    assert result.returncode == code, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mpt: error: "), result.stderr
    return lines[0]


def test_bare_mpt_prints_the_help_not_an_error():
    for args in ((), ("firmware",)):
        result = run_mpt(*args)
        assert result.returncode == 0
        assert result.stderr == ""
        assert result.stdout.startswith(f"Usage: {' '.join(('mpt',) + args)} [OPTIONS] COMMAND [ARGS]...")


def test_mistyped_option_is_named_with_a_suggestion(tmp_path):
    script = tmp_path / "x.py"
    script.write_text("print('ran')\n")
    for typo in ("--bord", "--bord=esp32"):
        result = run_mpt("run", typo, "esp32", str(script))
        line = one_error_line(result, 2)
        assert line.startswith("mpt: error: No such option '--bord'. (Did you mean one of: '--board'")
        assert result.stdout == ""
    line = one_error_line(run_mpt("firmware", "verify", "--bord", "rp2", str(script)), 2)
    assert line.startswith("mpt: error: No such option '--bord'. Did you mean '--board'?")
    # options after the script still reach the script
    result = run_mpt("run", str(script), "--bord")
    assert result.returncode == 0 and result.stdout == "ran\n"


def test_unwritable_vcd_path_fails_before_the_program_runs(tmp_path):
    script = tmp_path / "x.py"
    script.write_text("print('ran')\n")
    result = run_mpt("run", "--vcd", str(tmp_path / "missing" / "out.vcd"), str(script))
    assert one_error_line(result, 2) == f"mpt: error: cannot write --vcd {tmp_path / 'missing' / 'out.vcd'}: " \
                                        f"no such folder {tmp_path / 'missing'}"
    assert result.stdout == ""
    result = run_mpt("run", "--vcd", "/proc/x.vcd", str(script))
    assert one_error_line(result, 2).startswith("mpt: error: cannot write --vcd /proc/x.vcd: ")
    assert result.stdout == ""


def test_shell_completion_script_is_served():
    import os
    env = dict(os.environ, _MPT_COMPLETE="bash_source")
    result = subprocess.run([sys.executable, "-m", "mpt"], capture_output=True, text=True, env=env)
    assert result.returncode == 0
    assert "complete -o nosort -F _mpt_completion mpt" in result.stdout


def test_mistyped_command_is_named_with_a_suggestion():
    line = one_error_line(run_mpt("firmwre", "info", "x"), 2)
    assert line == "mpt: error: No such command 'firmwre'. Did you mean 'firmware'? (see 'mpt --help')"
    line = one_error_line(run_mpt("firmware", "verfy", "x"), 2)
    assert line == "mpt: error: No such command 'verfy'. Did you mean 'verify'? (see 'mpt firmware --help')"
    assert one_error_line(run_mpt("xyzzy"), 2) == "mpt: error: No such command 'xyzzy'. (see 'mpt --help')"


def test_plain_run_takes_board_and_flash_without_click(tmp_path):
    """`mpt run --board B --flash DIR SCRIPT ARGS` runs without importing click, with the
    options and the arguments as given; anything click must check still goes through it."""
    from mpt.cli.main import _plain_run_options

    script = tmp_path / "main.py"
    script.write_text("import sys\nprint(sys.platform, sys.argv[1:])\n")
    flash = tmp_path / "flash"
    flash.mkdir()
    s, f = str(script), str(flash)
    assert _plain_run_options(["run", s]) == {}
    assert _plain_run_options(["run", "--flash", f, "--board", "esp32", s, "a"]) == \
        {"flash": f, "board": "esp32"}
    for argv in (["run", "--flash", s, s],              # a file given as the flash folder
                 ["run", f"--flash={f}", s],             # the = form
                 ["run", "--board", "rp2", "--board", "esp32", s],
                 ["run", "--board", "--flash", s],
                 ["run", "--virtual-time", s],
                 ["run", "--flash", f, s, "-x"],
                 ["run", "--flash", f, str(tmp_path / "missing.py")],
                 ["run", "--flash", f, s, "+", "ls"]):
        assert _plain_run_options(argv) is None, argv
    probe = ("import runpy, sys; sys.argv = ['mpt', *sys.argv[1:]]\n"
             "try:\n    runpy.run_module('mpt', run_name='__main__')\n"
             "finally:\n    print('click' in sys.modules, file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", probe, "run", "--board", "esp32",
                             "--flash", f, s, "x"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "esp32 ['x']\n"
    assert result.stderr.strip().splitlines()[-1] == "False"
    result = run_mpt("run", "--flash", s, s)  # click's check of the folder, and its message
    assert one_error_line(result, 2) == \
        f"mpt: error: Invalid value for '--flash': Directory '{s}' is a file. " \
        "(see 'mpt run --help')"
