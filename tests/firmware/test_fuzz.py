"""Fuzz the firmware input surface: random and mutated images through info, verify and convert.

Every run must end in a documented exit code with at most one `mpt: error: ...` line, never a
host traceback, and convert must leave either a complete output file or none at all.
Seeded and bounded so that it is repeatable and fast; MPT_FUZZ_SEED and MPT_FUZZ_ROUNDS run
other or longer campaigns.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import traceback


from mpt.cli.main import main
from mpt.firmware.dfuse import build_dfuse
from tests.firmware.images import build_elf32
from mpt.firmware.ihex import _record, build_hex
from mpt.firmware.memory import MemoryImage

from tests.firmware import images, uf2_images

SEED = int(os.environ.get("MPT_FUZZ_SEED", "20261207"))
ROUNDS = int(os.environ.get("MPT_FUZZ_ROUNDS", "150"))   # mutated inputs, each through info, verify, convert
DOCUMENTED_EXIT_CODES = {0, 1, 2}     # an image alone cannot cause 3 (connection) or 4 (device)


def universal_hex() -> bytes:
    def section(board_id, text, record_type):
        lines = [_record(4, 0, b"\x00\x00"), _record(0x0A, 0, board_id.to_bytes(2, "big") + b"\xc0\xde")]
        lines += [_record(record_type, 0x100 + i, text[i:i + 16]) for i in range(0, len(text), 16)]
        return lines + [_record(0x0B, 0, b"\xff" * 4)]
    v1 = images.banner_strings(board="micro:bit v1.0.1", mcu="nRF51822")
    v2 = images.banner_strings(board="micro:bit v2.1.2", mcu="nRF52833")
    return ("\n".join(section(0x9900, v1, 0) + section(0x9903, v2, 0x0D) + [_record(1, 0, b"")]) + "\n").encode()


def seeds() -> dict[str, bytes]:
    pico = images.cortex_m_binary(size=2000)
    stm32 = images.cortex_m_binary(board="PYBv1.1", mcu="STM32F405RG", size=2000)
    return {
        "esp-app": images.esp_app("esp32c3", payload=1000),
        "esp-merged": images.esp_merged("esp32s3", payload=1000),
        "esp8266": images.esp8266_firmware(irom_size=1000),
        "uf2": uf2_images.family_run(pico, 0x10000000, uf2_images.RP2040),
        "uf2-rp2350": uf2_images.rp2350_sdk_uf2(uf2_images.pico2_binary(size=2000)),
        "uf2-two-families": uf2_images.rp2040_and_rp2350_uf2(),
        "dfuse": build_dfuse(MemoryImage.from_pieces([(0x08000000, stm32)])),
        "ihex": build_hex(MemoryImage.from_pieces([(0x08000000, stm32)]), 0x080001F1),
        "universal-hex": universal_hex(),
        "elf": build_elf32(0x28, 0x100001F7, [(0x10000000, pico[:1024]), (0x20000000, b"\x02" * 64)]),
        "raw": pico,
    }


def mutate(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(8)
        pos = rng.randrange(len(data) + 1) if data else 0
        if kind == 0 and data:                          # flip bytes
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        elif kind == 1:                                 # truncate
            del data[pos:]
        elif kind == 2:                                 # delete a run
            del data[pos:pos + rng.randint(1, 600)]
        elif kind == 3:                                 # insert random bytes
            data[pos:pos] = rng.randbytes(rng.randint(1, 600))
        elif kind == 4:                                 # overwrite a header-sized run with extremes
            data[pos:pos + 4] = rng.choice([b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\x00\x01\x00\x00"])
        elif kind == 5:                                 # splice in part of another format
            other = rng.choice(others)
            start = rng.randrange(len(other))
            data[pos:pos] = other[start:start + rng.randint(1, 1024)]
        elif kind == 6:                                 # duplicate a UF2-block-sized run
            data[pos:pos] = data[pos:pos + 512]
        elif len(data) >= 32:                           # a header word (file or UF2 block) set at random
            block = rng.randrange(len(data) // 512 + 1) * 512
            word = min(block + rng.randrange(8) * 4, len(data) - 4)
            data[word:word + 4] = rng.choice([rng.randbytes(4), rng.randint(0, 64).to_bytes(4, "little"),
                                              (0xFFFFFFFF - rng.randint(0, 64)).to_bytes(4, "little")])
    return bytes(data)


def run(args: list[str]) -> tuple[int, str, str | None]:
    """Run mpt in-process: (exit code, stderr, traceback text if one escaped)."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:       # an escaped exception is the traceback a user would see
            return -1, err.getvalue(), traceback.format_exc()
    return code, err.getvalue(), None


def test_the_harness_reports_an_escaped_exception(monkeypatch, tmp_path):
    import mpt.firmware.inspect

    def broken(data):
        raise ValueError("a bug")

    monkeypatch.setattr(mpt.firmware.inspect, "inspect_bytes", broken)
    (tmp_path / "x.bin").write_bytes(b"data")
    code, _, escaped = run(["firmware", "info", str(tmp_path / "x.bin")])
    assert code == -1 and "ValueError: a bug" in escaped


def fuzz_inputs(rng: random.Random) -> list[tuple[str, bytes]]:
    pool = seeds()
    inputs = [(f"seed {name}", data) for name, data in pool.items()]
    inputs += [(f"random {n}", rng.randbytes(rng.choice([1, 7, 64, 512, 1024, 4096]))) for n in range(10)]
    names = sorted(pool)
    for n in range(ROUNDS):
        name = names[n % len(names)]
        inputs.append((f"mutated {name} #{n}", mutate(rng, pool[name], list(pool.values()))))
    return inputs


def test_fuzz_info_verify_convert(tmp_path):
    rng = random.Random(SEED)
    codes: dict[str, set[int]] = {"info": set(), "verify": set(), "convert": set()}
    problems = []
    tracebacks = 0
    inputs = fuzz_inputs(rng)
    for number, (label, data) in enumerate(inputs):
        source = tmp_path / f"in{number}.img"
        source.write_bytes(data)
        out_format = rng.choice(["bin", "uf2", "hex", "dfu"])
        target = tmp_path / f"out{number}.{out_format}"
        extra = rng.choice([[], ["--family", "rp2040"], ["--family", "rp2350"], ["--base", "0x10000000"],
                            ["--family", "none", "--base", "0"], ["--family", "-1", "--base", "0"],
                            ["--family", "0x1ffffffff", "--base", "0"], ["--family", "rp2040", "--base", "-16"],
                            ["--family", "samd51", "--base", "0xffffff00"], ["--base", "0xfffffffff"]])
        runs = {"info": ["firmware", "info", "--json", str(source)],
                "verify": ["firmware", "verify", str(source)],
                "convert": ["firmware", "convert", str(source), str(target), *extra]}
        for command, args in runs.items():
            code, err, escaped = run(args)
            codes[command].add(code)
            if escaped:
                tracebacks += 1
                problems.append(f"{label}: {command} raised:\n{escaped}")
                continue
            lines = err.strip().splitlines()
            if code not in DOCUMENTED_EXIT_CODES:
                problems.append(f"{label}: {command} exited {code}")
            if code and (len(lines) != 1 or not lines[0].startswith("mpt: error: ")):
                problems.append(f"{label}: {command} exited {code} with stderr {err!r}")
        leftovers = sorted(p.name for p in tmp_path.glob(f"out{number}.*") if p != target)
        if leftovers:
            problems.append(f"{label}: convert left {leftovers}")
        if target.exists():
            code, err, escaped = run(["firmware", "info", str(target)])
            if code or escaped:
                problems.append(f"{label}: convert wrote {target.name}, which does not read back: {err}{escaped}")
    print(f"\nfuzz: {len(inputs)} inputs x 3 commands, exit codes seen: "
          + ", ".join(f"{c} {sorted(v)}" for c, v in codes.items()) + f", tracebacks: {tracebacks}, other faults: {len(problems) - tracebacks}")
    assert not problems, "\n".join(problems[:5])
    assert codes["info"] >= {0, 1} and codes["verify"] >= {0, 1} and codes["convert"] >= {0, 1, 2}
