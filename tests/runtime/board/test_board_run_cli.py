"""`mpt run` with the board options, end to end through the CLI."""

import subprocess
import sys
import time
from pathlib import Path
from waiting import wait_until_blocked


EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def mpt_run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "mpt", "run", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_blink_example_runs_on_a_fresh_install(tmp_path):
    started = time.perf_counter()
    result = mpt_run(EXAMPLES / "blink.py", cwd=tmp_path)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["LED on", "LED off"] * 5 + ["done"]
    assert elapsed >= 5.0  # real time by default: ten 0.5 s sleeps
    assert (tmp_path / ".mpt" / "flash" / "rp2").is_dir()


def test_virtual_time_trace_and_vcd(tmp_path):
    vcd = tmp_path / "blink.vcd"
    started = time.perf_counter()
    result = mpt_run("--virtual-time", "--trace", "--vcd", vcd, EXAMPLES / "blink.py",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert time.perf_counter() - started < 5.0
    trace = result.stderr.splitlines()
    # each pin read costs the virtual clock 1 us (blink.py reads the LED twice per turn)
    assert trace[0] == "[    0.000001] pin  GP25 1"
    assert trace[1] == "[    0.500003] pin  GP25 0"
    assert len(trace) == 10
    text = vcd.read_text()
    assert "$var wire 1 ! GP25 $end" in text and "#4500019\n0!" in text


def test_examples_with_board_files(tmp_path):
    result = mpt_run("--virtual-time", "--board-file", EXAMPLES / "button_irq.toml",
                     EXAMPLES / "button_irq.py", cwd=tmp_path)
    assert result.stdout.splitlines() == ["press 1 at 500 ms", "press 2 at 1300 ms",
                                          "press 3 at 2250 ms", "saw 3 presses"]
    result = mpt_run("--virtual-time", "--board-file", EXAMPLES / "i2c_sensor.toml",
                     EXAMPLES / "i2c_sensor.py", cwd=tmp_path)
    assert result.stdout.splitlines()[:3] == ["I2C devices: ['0x48']",
                                              "config register: b'`\\xa0'",
                                              "temperature: 21.50 C"]
    assert result.stdout.splitlines()[-1] == "temperature: 23.50 C"
    result = mpt_run("--virtual-time", "--board-file", EXAMPLES / "adc_logger.toml",
                     EXAMPLES / "adc_logger.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    log = (tmp_path / ".mpt" / "flash" / "rp2" / "light_log.csv").read_text().splitlines()
    # 12000 read through the 12-bit converter: sample 750, reported as 12002
    assert log[0] == "ms,u16,volts" and log[1] == "0,12002,0.604" and len(log) == 13
    assert log[3] == "1000,15491,0.780"  # the recording's 1 s sample (15500), 12-bit
    result = mpt_run("--virtual-time", "--board-file", EXAMPLES / "button_irq.toml",
                     EXAMPLES / "asyncio_demo.py", cwd=tmp_path)
    assert result.stdout.splitlines() == ["press 1", "press 2", "press 3", "saw 3 presses"]


def test_neopixel_example_with_the_bootsel_button(tmp_path):
    result = mpt_run("--virtual-time", "--trace", "--board-file",
                     EXAMPLES / "neopixel_bootsel.toml", EXAMPLES / "neopixel_bootsel.py",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["pressed at 800 ms: colour (0, 255, 0)",
                                          "pressed at 2100 ms: colour (0, 0, 255)", "done"]
    writes = [line.split("] ", 1)[1] for line in result.stderr.splitlines() if "bits" in line]
    assert writes == ["bits GP16 " + " ".join(["00 ff 00"] * 4) + " (high/low ns 400/850 800/450)",
                      "bits GP16 " + " ".join(["ff 00 00"] * 4) + " (high/low ns 400/850 800/450)",
                      "bits GP16 " + " ".join(["00 00 ff"] * 4) + " (high/low ns 400/850 800/450)"]


def test_board_profiles_and_boot_py(tmp_path):
    flash = tmp_path / "esp"
    flash.mkdir()
    (flash / "boot.py").write_text("print('boot.py ran')\nBOOTED = True\n")
    script = tmp_path / "who.py"
    script.write_text("import sys, os\nprint(sys.platform, BOOTED)\nprint(os.uname().machine)\n")
    result = mpt_run("--board", "esp32", "--flash", flash, script, cwd=tmp_path)
    assert result.stdout.splitlines() == ["boot.py ran", "esp32 True",
                                          "Generic ESP32 module with ESP32"]
    (flash / "boot.py").write_text("1/0\n")
    result = mpt_run("--board", "esp32", "--flash", flash, script, cwd=tmp_path)
    assert result.returncode == 1 and "ZeroDivisionError" in result.stderr
    assert result.stdout == ""  # the program does not run after a failed boot.py


def test_guest_cannot_leave_the_flash_folder(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("host secret")
    flash = tmp_path / "flash"
    script = tmp_path / "escape.py"
    script.write_text(
        "import os\n"
        "for path in ('../secret.txt', '/../secret.txt', %r):\n"
        "    try:\n"
        "        print(open(path).read())\n"
        "    except OSError as e:\n"
        "        print('blocked', e.errno)\n"
        "open('../../outside.txt', 'w').write('x')\n"
        "print(os.listdir('/..'))\n" % str(secret))
    result = mpt_run("--flash", flash, script, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["blocked 2"] * 3 + ["['outside.txt']"]
    assert not (tmp_path / "outside.txt").exists()
    assert (flash / "outside.txt").exists()


def test_watchdog_reset_ends_the_run(tmp_path):
    script = tmp_path / "wdt.py"
    script.write_text("from machine import WDT\nimport time\nw = WDT(timeout=2000)\n"
                      "time.sleep(1)\nw.feed()\nprint('fed')\ntime.sleep(3)\nprint('never')\n")
    result = mpt_run("--virtual-time", script, cwd=tmp_path)
    assert result.stdout.splitlines() == ["fed"]
    assert "MPY: board reset (WDT_RESET)" in result.stderr
    assert result.returncode == 1


def test_unknown_board_is_a_usage_error(tmp_path):
    result = mpt_run("--board", "nrf52", EXAMPLES / "blink.py", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("mpt: error: unknown board 'nrf52'")


def test_real_time_timer_fires_during_a_busy_loop(tmp_path):
    script = tmp_path / "busy.py"
    script.write_text(
        "from machine import Timer\nimport time\ncount = 0\n"
        "def tick(t):\n    global count\n    count += 1\n"
        "t = Timer(period=10, mode=Timer.PERIODIC, callback=tick)\n"
        "start = time.ticks_ms()\n"
        "while count < 20:\n    pass\n"
        "t.deinit()\n"
        "print(time.ticks_diff(time.ticks_ms(), start) >= 190)\n")
    result = mpt_run(script, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "True\n"


def test_uart_output_goes_to_the_host_stream(tmp_path):
    board_file = tmp_path / "uart.toml"
    board_file.write_text('[[uart]]\nid = 1\nrx = "ping\\n"\noutput = "stderr"\n')
    script = tmp_path / "uart.py"
    script.write_text("from machine import UART\nu = UART(1, 115200)\n"
                      "line = u.readline()\nu.write(b'got ' + line)\nprint('done')\n")
    result = mpt_run("--board-file", board_file, script, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "done\n" and result.stderr == "got ping\n"


def test_ctrl_c_shows_the_guest_traceback_and_exits_130(tmp_path):
    import signal
    script = tmp_path / "wait.py"
    script.write_text("import time\nprint('waiting')\ntime.sleep(30)\n")
    process = subprocess.Popen([sys.executable, "-m", "mpt", "run", str(script)], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = process.stdout.readline()
    wait_until_blocked(process.pid)  # in the guest's sleep
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert first + out == "waiting\n"
    assert process.returncode == 130
    assert err.startswith("Traceback (most recent call last):\n")
    assert 'File "wait.py", line 3, in <module>' in err and "KeyboardInterrupt" in err


def test_board_file_picks_the_board_and_conflicts_are_refused(tmp_path):
    board_file = tmp_path / "esp.toml"
    board_file.write_text('board = "esp32"\n')
    script = tmp_path / "p.py"
    script.write_text("import sys\nprint(sys.platform)\n")
    result = mpt_run("--board-file", board_file, script, cwd=tmp_path)
    assert result.stdout == "esp32\n"
    result = mpt_run("--board", "rp2", "--board-file", board_file, script, cwd=tmp_path)
    assert result.returncode == 2
    assert "the board file is written for 'esp32', not 'rp2'" in result.stderr
    board_file.write_text("[[adc]]\npin = 1\n")
    result = mpt_run("--board-file", board_file, script, cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith(f"mpt: error: board file {board_file}: adc #1: needs exactly one of")


def test_a_reset_cannot_be_caught(tmp_path):
    script = tmp_path / "catch.py"
    script.write_text("import machine, time\nprint('before')\ntry:\n    machine.reset()\n"
                      "except:\n    print('caught')\nprint('after')\n"
                      "while True:\n    pass\n")
    result = mpt_run(script, cwd=tmp_path)
    assert result.stdout == "before\n"
    assert result.stderr == "MPY: board reset (HARD_RESET): machine.reset() was called\n"
    assert result.returncode == 0
