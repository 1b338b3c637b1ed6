"""Generate float_golden.txt: how the real MicroPython 1.29 tools print random doubles.

Each line: <hex bits> <literal> <mpy-cross text> <repr> <%g> <%.12e> <%.4f>
    literal         CPython's repr of the double, used as the source literal for mpy-cross
    mpy-cross text  what mpy-cross 1.29 writes in the .mpy object table for that literal
                    (it parses the literal with its own parser, then prints the repr)
    repr ... %.4f   what MicroPython 1.29 (webassembly build) prints for the exact double

Run: python make_float_golden.py [count] > float_golden.txt   (needs mpy-cross and node)

    python make_float_golden.py --literals [count] > float_literal_golden.txt
writes <literal> <mpy-cross text> for long literals (15-25 digits, exponents -330..300) that
stress MicroPython's own decimal parser rather than the printer.

    python make_float_golden.py --formats [count] > float_format_golden.txt
writes <hex bits> <printf spec> <repr of the text MicroPython's '%' operator makes> for
signed doubles and a set of %e/%f/%g specs with flags, width and precision.
"""

from __future__ import annotations

import math
import os
import random
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from reference_tools import script_references  # noqa: E402

_REFS = script_references("make_float_golden.py", "mpy-cross", "micropython-wasm")
MPY_CROSS = str(_REFS["mpy-cross"])
MICROPYTHON_WASM = str(_REFS["micropython-wasm"] / "micropython.mjs")


def sample_doubles(count: int, seed: int = 1729) -> list[float]:
    rng = random.Random(seed)
    values = [0.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1.0, 0.1, 1e22, 1e23,
              9007199254740993.0, 123456789012345680.0, 0.3, 2.0 ** -1074 * 3]
    while len(values) < count:
        pick = rng.random()
        if pick < 0.4:
            x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(63)))[0]
        elif pick < 0.8:
            digits = rng.randint(1, 17)
            x = float(f"{rng.randrange(10 ** digits)}e{rng.randint(-30, 30)}")
        elif pick < 0.9:
            x = math.ldexp(rng.random(), rng.randint(-1074, 1024))
        else:
            x = 10.0 ** rng.randint(-300, 300)
            for _ in range(rng.randint(-3, 3) % 4):
                x = math.nextafter(x, math.inf if rng.random() < 0.5 else 0.0)
        if math.isfinite(x) and x >= 0:
            values.append(x)
    return values[:count]


def bits_of(x: float) -> str:
    return struct.pack(">d", x).hex()


def mpy_cross_texts(literals: list[str]) -> list[str]:
    """The object-table text mpy-cross writes for each literal (one constant tuple per chunk)."""
    texts = []
    with tempfile.TemporaryDirectory() as tmp:
        for start in range(0, len(literals), 500):
            chunk = literals[start:start + 500]
            src = Path(tmp, "f.py")
            src.write_text("t = (" + ", ".join(chunk) + ",)\n")
            subprocess.run([MPY_CROSS, "-o", str(Path(tmp, "f.mpy")), str(src)], check=True)
            texts += _object_texts(Path(tmp, "f.mpy").read_bytes())
    return texts


def _object_texts(data: bytes) -> list[str]:
    """The raw texts of float constants, in order, without interpreting them."""
    pos = 4

    def uint():
        nonlocal pos
        value = 0
        while True:
            b = data[pos]
            pos += 1
            value = value << 7 | (b & 0x7F)
            if not b & 0x80:
                return value

    n_qstr, n_obj = uint(), uint()
    for _ in range(n_qstr):
        n = uint()
        if not n & 1:
            pos += (n >> 1) + 1
    out = []

    def obj():
        nonlocal pos
        kind = data[pos]
        pos += 1
        if kind <= 4:
            return
        n = uint()
        if kind == 10:
            for _ in range(n):
                obj()
            return
        text = data[pos:pos + n]
        pos += n + (1 if kind in (5, 6) else 0)
        if kind == 8:
            out.append(text.decode())

    for _ in range(n_obj):
        obj()
    return out


def micropython_prints(values: list[float]) -> list[list[str]]:
    """repr, %g, %.12e and %.4f of each exact double, printed by real MicroPython."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for start in range(0, len(values), 1000):
            chunk = values[start:start + 1000]
            prog = Path(tmp, "p.py")
            prog.write_text(
                "import struct\n"
                f"H = {[bits_of(x) for x in chunk]!r}\n"
                "for h in H:\n"
                "    x = struct.unpack('>d', bytes.fromhex(h))[0]\n"
                "    print(repr(x), '%g' % x, '%.12e' % x, '%.4f' % x)\n")
            out = subprocess.run(["node", MICROPYTHON_WASM, str(prog)], check=True,
                                 capture_output=True, text=True).stdout
            rows += [line.split(" ") for line in out.splitlines()]
    return rows


def long_literals(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    literals = []
    for _ in range(count):
        digits = rng.randint(15, 25)
        mantissa = str(rng.randrange(10 ** (digits - 1), 10 ** digits))
        point = rng.randint(1, digits - 1)
        literals.append(f"{mantissa[:point]}.{mantissa[point:]}e{rng.randint(-330, 300)}")
    return literals


FORMAT_SPECS = ["%+.3e", "%-14.4f", "%014.5g", "% g", "%10.2f", "%-+12.3G", "%.0f", "%#.3g",
                "%08.3f", "%.15g", "%.17e", "%20.10E", "% 010.1f", "%e", "%F", "%.1g"]


def micropython_formats(values: list[float]) -> list[tuple[str, str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for start in range(0, len(values), 500):
            chunk = values[start:start + 500]
            prog = Path(tmp, "p.py")
            prog.write_text(
                "import struct\n"
                f"H = {[bits_of(x) for x in chunk]!r}\n"
                f"S = {FORMAT_SPECS!r}\n"
                "for h in H:\n"
                "    x = struct.unpack('>d', bytes.fromhex(h))[0]\n"
                "    for s in S:\n"
                "        print(h, s.replace(' ', '_'), repr(s % x))\n")
            out = subprocess.run(["node", MICROPYTHON_WASM, str(prog)], check=True,
                                 capture_output=True, text=True).stdout
            rows += [tuple(line.split(" ", 2)) for line in out.splitlines()]
    return rows


def main() -> None:
    if sys.argv[1:2] == ["--formats"]:
        rng = random.Random(99)
        values = [x if rng.random() < 0.5 else -x
                  for x in sample_doubles(int(sys.argv[2]) if len(sys.argv) > 2 else 400, 7)]
        for row in micropython_formats(values):
            print(*row)
        return
    if sys.argv[1:2] == ["--literals"]:
        literals = long_literals(int(sys.argv[2]) if len(sys.argv) > 2 else 3000)
        for literal, text in zip(literals, mpy_cross_texts(literals)):
            print(literal, text)
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    values = sample_doubles(count)
    literals = [repr(x) for x in values]
    texts = mpy_cross_texts(literals)
    prints = micropython_prints(values)
    assert len(texts) == len(values) == len(prints)
    for x, literal, text, printed in zip(values, literals, texts, prints):
        print(bits_of(x), literal, text, *printed)


if __name__ == "__main__":
    main()
