"""Seeded fuzz of board files: mutated examples and a file using every section, run through
`mpt run --board-file` with a program that reads every peripheral. No host traceback, no hang,
only documented exit codes, one error line for a refused file."""

import random
import shutil
import time
from pathlib import Path

from tests.inputs.inproc import fuzz_budget, run_mpt
from tests.inputs.mutate import dump, mutate_structure, mutate_text, vary_values

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
SEED, CASES = fuzz_budget(1515, 300)

EVERY_SECTION = '''
board = "rp2"
[[pin]]
pin = "GP14"
initial = 1
events = [[0.5, 0], [0.55, 1]]
repeat = 2.0
[[adc]]
pin = "GP26"
csv = "data/light.csv"
interpolation = "linear"
loop = true
scale = 1.5
[[adc]]
channel = 4
expr = "32768 + 20000 * sin(2 * pi * t)"
[[i2c]]
address = 0x48
bus = 0
reg_bytes = 2
order = "little"
registers = { "0x01" = [0x60, 0xA0] }
computed = { "0x00" = { expr = "(21.5 + t / 60) * 256", bytes = 2, order = "big" } }
[[i2c]]
address = 0x50
handler = "sensors.py:Sensor"
options = { base = 20 }
[[uart]]
id = 1
rx = "hello\\n"
rx_file = "gps.nmea"
rx_events = [[1.5, "OK\\r\\n"]]
output = "stderr"
[[spi]]
id = 1
loopback = true
[[dht]]
pin = "GP15"
model = "DHT11"
temperature = { value = 21.5 }
humidity = { expr = "45 + 5 * sin(t / 60)" }
[[onewire]]
pin = "GP22"
devices = [{ rom = "28ff641e8216c3a5", temperature = { value = 21.5 } },
           { temperature = { expr = "20 + t / 60" } }]
[[wifi]]
ssid = "HomeNetwork"
password = "secret"
rssi = -50
channel = 6
'''

PROBE = '''
import machine, time
def tried(f):
    try:
        return f()
    except Exception as exc:
        return repr(exc)
for ch in (0, 1, 4):
    print(tried(lambda: machine.ADC(ch).read_u16()))
for bus in (0, 1):
    i2c = tried(lambda: machine.I2C(bus))
    for a in tried(i2c.scan) if not isinstance(i2c, str) else ():
        print(tried(lambda: i2c.readfrom_mem(a, 0, 2)), tried(lambda: i2c.readfrom(a, 3)))
for n in (0, 1):
    print(tried(lambda: machine.UART(n).read()))
print(tried(lambda: machine.SPI(1).read(2)))
try:
    import dht, onewire, ds18x20
except ImportError:
    dht = onewire = ds18x20 = None
print(tried(lambda: (dht.DHT22(machine.Pin(15)).measure())))
ds = tried(lambda: ds18x20.DS18X20(onewire.OneWire(machine.Pin(22))))
print(tried(lambda: [ds.convert_temp(), time.sleep_ms(750), [ds.read_temp(r) for r in ds.scan()]]))
time.sleep(3)
print(tried(lambda: machine.UART(1).read()), tried(lambda: machine.Pin(14).value()))
'''

SENSOR = '''
class Sensor:
    def __init__(self, base=0):
        self.base = base
    def write(self, data):
        pass
    def read(self, n):
        return bytes([self.base] * n)
'''

BOARD_KEYS = ["board", "pin", "adc", "i2c", "uart", "spi", "dht", "onewire", "wifi", "address",
              "value", "expr", "csv", "events", "registers", "computed", "rx_events", "repeat",
              "channel", "bus", "reg_bytes", "addr_size", "handler", "devices", "rom", "model"]


POOLS = {
    "board": ["rp2", "rp2w", "esp32", "pyboard", "pico", "PYB"],
    "pin": ["GP14", "GP26", "GP0", "BOOTSEL", "SW", 4, 0, 29, "GP28"],
    "expr": ["1 / t", "exp(1e6)", "t ** t", "10 ** 400", "sin(t) / 0", "-t * 1e300",
             "1e308 * 10", "t if t > 1 else -1", "log(0)", "sqrt(-1)", "65535 * 2", "-65535"],
    "value": [-1e300, 1e300, -1, 0, 65535, 65536, 1e9, 2**63 - 1],
    "address": [0, 1, 0x48, 0x77, 127],
    "reg_bytes": [1, 2, 3, 8], "bytes": [1, 2, 8], "addr_size": [8, 16, 24, 32],
    "scale": [0, -1, 1e300, 1e-300], "id": [0, 1, 2, 15], "bus": [0, 1, 15],
    "level": [0, 1], "initial": [0, 1], "channel": [0, 3, 4, 15], "repeat": [0.001, 0.01, 1e9],
    "rom": ["28ff641e8216c3a5", "0000000000000000", "ffffffffffffffff"],
    "model": ["DHT11", "DHT22"], "rssi": [-120, 0], "security": [0, 7],
}


def bases():
    documents = [tomllib.loads(EVERY_SECTION)]
    for path in sorted((ROOT / "examples").glob("*.toml")):
        documents.append(tomllib.loads(path.read_text()))
    return documents


def test_fuzz_board_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "examples" / "data" / "light.csv", tmp_path / "data" / "light.csv")
    (tmp_path / "gps.nmea").write_text("$GPGGA,1\r\n")
    (tmp_path / "sensors.py").write_text(SENSOR)
    (tmp_path / "probe.py").write_text(PROBE)
    rng = random.Random(SEED)
    documents = bases()
    counts = {"inputs": 0, "accepted": 0, "refused": 0, "tracebacks": 0, "hangs": 0}
    problems = []
    started = time.perf_counter()
    for case in range(CASES):
        base = rng.choice(documents)
        plausible = rng.random() < 0.4
        document = (vary_values(base, rng, POOLS) if plausible
                    else mutate_structure(base, rng, BOARD_KEYS))
        text = dump(document)
        if not plausible and rng.random() < 0.3:
            text = mutate_text(text, rng)
        board_file = tmp_path / "board.toml"
        board_file.write_text(text, encoding="utf-8")
        outcome = run_mpt(["run", "--virtual-time", "--flash", "flash", "--board-file",
                           "board.toml", "probe.py"], timeout=10)
        counts["inputs"] += 1
        counts["tracebacks"] += bool(outcome.traceback)
        counts["hangs"] += outcome.hang
        if outcome.code == 2:
            counts["refused"] += 1
        elif outcome.code == 0:
            counts["accepted"] += 1
        guest_failure = outcome.code == 1 and all(  # the probe raised: a MicroPython traceback
            'File "probe.py"' in line for line in outcome.stderr.splitlines()
            if line.lstrip().startswith("File "))
        bad = (outcome.traceback or outcome.hang or outcome.code not in (0, 2) and not guest_failure
               or (outcome.code == 2 and (len(outcome.error_lines) != 1
                                          or "Traceback" in outcome.stderr)))
        if bad:
            problems.append(f"case {case}:\n{text}\n-> {outcome.code} {outcome.stderr[-500:]}"
                            f"{outcome.traceback[-800:]}{' hang' * outcome.hang}")
    print(f"board files: {counts} in {time.perf_counter() - started:.1f} s")
    assert not problems, "\n\n".join(problems[:5])
    assert counts["accepted"] > 30 and counts["refused"] > 50  # both paths are exercised
