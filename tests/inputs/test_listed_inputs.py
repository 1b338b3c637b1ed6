"""The bad inputs issue 15 lists: each is one `mpt: error:` line naming the file and key, exit 2."""

import subprocess
import sys

import pytest

from tests.inputs.inproc import run_mpt

ADDRESS = "expected an integer from 0 to 127 (a 7-bit address such as 0x48, without quotes)"

BOARD_FILES = [
    ('[[i2c]]\naddress = "0x48"\n', f'i2c #1.address: {ADDRESS}, got the string "0x48"'),
    ('[[i2c]]\naddress = "zz"\n', f'i2c #1.address: {ADDRESS}, got the string "zz"'),
    ("[[i2c]]\nbus = 0\n", "i2c #1: missing key address (an integer from 0 to 127)"),
    ("[[pin]]\ninitial = 1\n", "pin #1: missing key pin (a pin name or an integer >= 0)"),
    ("[[i2c]]\naddress = 0x48\nregisters = 5\n",
     'i2c #1.registers: expected a table (keys: a register number ("0x01"); values: an integer '
     "or a list of integers), got the integer 5"),
    ('[[i2c]]\naddress = 0x48\nreg_bytes = "two"\n',
     'i2c #1.reg_bytes: expected an integer from 1 to 8, got the string "two"'),
    ('[[pin]]\npin = "GP14"\nevents = "x"\n',
     'pin #1.events: expected a list of [seconds, level], got the string "x"'),
    ('[[pin]]\npin = "GP14"\nevents = [["a", 1]]\n',
     'pin #1.events #1.seconds: expected a number from 0 to 1e+09, got the string "a"'),
    ('[[adc]]\npin = "GP26"\nvalue = "high"\n',
     'adc #1.value: expected a number, got the string "high"'),
    ("[[uart]]\nid = 1\nrx_events = [[1.5]]\n",
     "uart #1.rx_events #1: expected [seconds, data], got a list of 1 item"),
    ("board = 5\n",
     'board: expected a board name ("rp2", "rp2w", "esp32", "pyboard"), got the integer 5'),
    ("[i2c]\naddress = 0x48\n",
     "i2c: expected [[i2c]] entries (an array of tables: write [[i2c]], not [i2c])"),
    ("i2c = 5\n", "i2c: expected [[i2c]] entries, got the integer 5"),
]


def one_error(outcome, expected_line):
    assert not outcome.traceback and not outcome.hang, outcome.traceback
    assert outcome.code == 2, outcome
    assert outcome.stderr == f"mpt: error: {expected_line}\n"


@pytest.mark.parametrize("text, message", BOARD_FILES)
def test_board_file_input(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "board.toml").write_text(text)
    (tmp_path / "p.py").write_text("print('ran')\n")
    outcome = run_mpt(["run", "--board-file", "board.toml", "p.py"])
    one_error(outcome, f"board file board.toml: {message}")
    assert "ran" not in outcome.stdout


@pytest.mark.parametrize("text, message", [
    ("[deploy]\nsource = 5\n", 'deploy.source: expected a folder name, got the integer 5'),
    ("deploy = 5\n", "deploy: expected a table, got the integer 5"),
    ('[deploy]\nports = "emu"\n',
     'deploy.ports: expected a list of port names, got the string "emu"'),
    ('[deploy]\nexclude = "x.py"\n',
     'deploy.exclude: expected a list of patterns, got the string "x.py"'),
    ('[deploy]\ncompile = "no"\n', 'deploy.compile: expected true or false, got the string "no"'),
])
def test_deploy_settings(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # the search for a project file stops here
    (tmp_path / "mpt.toml").write_text(text)
    one_error(run_mpt(["-p", "emu", "deploy", "-n"]), f"{tmp_path / 'mpt.toml'}: {message}")


def test_pyproject_settings_are_named_by_their_full_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.mpt.deploy]\nports = "emu"\n')
    one_error(run_mpt(["-p", "emu", "deploy", "-n"]),
              f"{tmp_path / 'pyproject.toml'}: tool.mpt.deploy.ports: expected a list of port "
              'names, got the string "emu"')


def test_user_config_port_is_checked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MPT_PORT", raising=False)
    user = tmp_path / "home" / "mpt" / "config.toml"
    user.parent.mkdir(parents=True)
    user.write_text("[board]\nport = 5\n")
    one_error(run_mpt(["exec", "1"]),
              f"{user}: board.port: expected a port name, got the integer 5")
    user.write_text("[deploy]\nsource = '.'\n")
    one_error(run_mpt(["exec", "1"]),
              f"{user}: deploy: unknown key; known keys: port, board")


def test_deploy_without_configuration_refuses_and_init_writes_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "main.py").write_text("print('hi')\n")
    one_error(run_mpt(["-p", "emu", "deploy", "-n"]),
              f"no mpt.toml in {tmp_path} or a folder above it: 'mpt deploy --init' writes a "
              "commented one here")
    outcome = run_mpt(["deploy", "--init"])
    assert outcome.code == 0 and outcome.stdout == f"wrote {tmp_path / 'mpt.toml'}\n"
    template = (tmp_path / "mpt.toml").read_text()
    for key in ("source", "target", "compile", "exclude", "delete", "reset", "ports", "port"):
        assert f"{key} = " in template
    one_error(run_mpt(["deploy", "--init"]), f"{tmp_path / 'mpt.toml'} already exists")
    outcome = run_mpt(["-p", "emu", "deploy", "-n"])
    assert outcome.code == 0, outcome
    assert outcome.stdout.splitlines()[0] == "new     :/main.py"  # not compiled: main stays .py
    assert "mpt.toml" not in outcome.stdout


def test_compile_out_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.py").write_text("x = 1\n")
    (tmp_path / "afile").write_text("")
    one_error(run_mpt(["compile", "src", "--out-dir", "/proc/nope"]),
              "cannot write --out-dir /proc/nope: No such file or directory")
    one_error(run_mpt(["compile", "src", "--out-dir", "afile"]),
              "cannot write --out-dir afile: not a folder")
    assert (tmp_path / "afile").read_text() == ""


def test_emulate_tcp_port_out_of_range(tmp_path):
    # a subprocess: emulate installs signal handlers and serves until stopped
    result = subprocess.run([sys.executable, "-m", "mpt", "emulate", "--tcp", "99999"],
                            cwd=tmp_path, stdin=subprocess.DEVNULL, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "mpt: error: --tcp wants a TCP port from 0 to 65535, not 99999\n"


@pytest.mark.parametrize("text, message", [
    ("[[i2c]]\nadress = 0x48\n",
     "i2c #1.adress: unknown key (did you mean address?); known keys: address, bus, addr_size, "
     "reg_bytes, order, registers, computed, handler, options"),
    ('[[adc]]\npin = "GP26"\nvalue = 1\nexpr = "t"\n',
     "adc #1: needs exactly one of value, expr, csv; found value, expr"),
    ("[[pins]]\npin = 1\n",
     "pins: unknown section (did you mean pin?); known sections: board, pin, adc, i2c, uart, "
     "spi, dht, onewire, wifi"),
    ('[[pin]]\npin = "GP99"\n',
     "pin #1.pin: 'GP99' is not a pin of rp2: unknown named pin \"GP99\""),
    ('[[adc]]\npin = "GP26"\nexpr = "log(0)"\n',
     "adc #1.expr: 'log(0)' fails at t = 1e-06 s: math domain error"),
    ('[[pin]]\npin = "GP14"\nrepeat = 1e-9\n',
     "pin #1.repeat: expected a number from 0.001 to 1e+09, got the number 1e-09"),
])
def test_more_board_file_messages(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "board.toml").write_text(text)
    (tmp_path / "p.py").write_text("import machine\nprint(machine.ADC(0).read_u16())\n")
    outcome = run_mpt(["run", "--virtual-time", "--board-file", "board.toml", "p.py"])
    one_error(outcome, f"board file board.toml: {message}")


def test_an_endless_board_file_is_refused_not_read_into_memory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.py").write_text("print('ran')\n")
    one_error(run_mpt(["run", "--board-file", "/dev/zero", "p.py"]),
              "/dev/zero: too large for a board file (over 16 MiB)")


TOO_LONG = "x" * 300  # a name longer than a file system takes (ENAMETOOLONG)


@pytest.mark.parametrize("argv", [
    ["fs", "image", TOO_LONG, "-o", "out.img"],
    ["compile", TOO_LONG],
    ["compile", "p.py", "--out-dir", TOO_LONG + "/out"],
    ["-p", "emu", "cp", TOO_LONG, ":x"],
    ["-p", "emu", "sync", TOO_LONG, ":x"],
    ["firmware", "convert", "fw.bin", TOO_LONG + ".uf2", "--family", "rp2040"],
    ["deploy", "-n"],
], ids=["fs-image", "compile", "compile-out-dir", "cp", "sync", "convert", "deploy-source"])
def test_a_name_too_long_for_the_file_system(tmp_path, monkeypatch, argv):
    """Found by the longer fuzz run (MPT_FUZZ_SCALE=4): Path.is_dir() raises on such a name
    in CPython 3.10 and 3.11, where os.path.isdir() says False."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.py").write_text("print(1)\n")
    (tmp_path / "fw.bin").write_bytes(bytes(1024))
    (tmp_path / "mpt.toml").write_text(f'[deploy]\nsource = "{TOO_LONG}"\n')
    outcome = run_mpt(argv)
    assert not outcome.traceback and not outcome.hang, outcome.traceback
    assert outcome.code in (1, 2, 4), outcome
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mpt: error: "), outcome.stderr
