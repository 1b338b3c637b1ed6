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
