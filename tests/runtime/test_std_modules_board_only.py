"""Standard-module behaviour the webassembly build of MicroPython cannot show (it has sha256
only), and the deflate codec against an independent implementation (the host's zlib).

hashlib.sha1 and hashlib.md5 exist on ESP32, RP2 and STM32 boards (extmod/modhashlib.c with
MICROPY_PY_HASHLIB_SHA1/MD5); their digests are the standard ones, so CPython's hashlib is
the reference, and they finish on digest() like sha256.
"""

from __future__ import annotations

import hashlib
import random
import textwrap
import zlib

import pytest

from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions
from mpt.runtime.library.deflate_decoder import Inflater, checked_stream
from mpt.runtime.library.deflate_encoder import FixedDeflater


def run_source(tmp_path, source: str) -> str:
    script = tmp_path / "prog.py"
    script.write_text(textwrap.dedent(source))
    out: list[str] = []
    status = run_on_board(str(script), [str(script)], BoardOptions(board="esp32",
                          flash=str(tmp_path / "flash"), virtual_time=True),
                          stdout=out.append, stderr=out.append)
    assert status == 0, "".join(out)
    return "".join(out)


@pytest.mark.parametrize("algo", ["sha1", "md5"])
def test_sha1_and_md5_digests_are_the_standard_ones(tmp_path, algo):
    out = run_source(tmp_path, f"""
        import hashlib, binascii
        h = hashlib.{algo}(b"abc")
        h.update(b"def" * 50)
        print(binascii.hexlify(h.digest()).decode())
        print(binascii.hexlify(hashlib.{algo}().digest()).decode())
        try:
            h.digest()
        except ValueError as e:
            print("ValueError", e)
    """)
    expected_full = hashlib.new(algo, b"abc" + b"def" * 50).hexdigest()
    expected_empty = hashlib.new(algo).hexdigest()
    assert out.splitlines() == [expected_full, expected_empty, "ValueError hash is final"]


def _compress(data: bytes, wbits: int, chunk: int) -> bytes:
    deflater = FixedDeflater(wbits)
    out = b"".join(deflater.compress(data[i:i + chunk]) for i in range(0, len(data), chunk))
    return out + deflater.finish()


def _samples():
    rng = random.Random(5)
    yield b""
    yield b"x"
    yield bytes(rng.getrandbits(8) for _ in range(2000))
    yield bytes(rng.choice(b"ab") for _ in range(3000))
    yield b"0123456789" * 400
    yield bytes(5000)


@pytest.mark.parametrize("wbits", [8, 10, 15])
def test_compressed_stream_is_valid_deflate_within_the_window(wbits):
    for data in _samples():
        blob = _compress(data, wbits, 97)
        inflater = zlib.decompressobj(-15)
        assert inflater.decompress(blob) + inflater.flush() == data
        # the window a board reading with the same wbits has is enough
        source = iter(blob)
        back = bytes(checked_stream(Inflater(lambda: next(source)), None, 1 << wbits))
        assert back == data


def test_decoder_reads_the_hosts_zlib_and_gzip_streams():
    for data in _samples():
        for level in (0, 1, 9):
            blob = zlib.compress(data, level)
            source = iter(blob)
            inflater = Inflater(lambda: next(source))
            kind, wbits = inflater.header()
            assert bytes(checked_stream(inflater, kind, 1 << wbits)) == data
