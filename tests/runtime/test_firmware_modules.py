"""The modules only some firmware has: cryptolib (MICROPY_PY_CRYPTOLIB: rp2, esp32, the unix
port) and btree (MICROPY_PY_BTREE: esp32, the unix port).

programs_firmware_modules/ print what the unix port printed (record_extra_expected.py
--folder programs_firmware_modules, from a unix build with both modules); the mpt-micropython
drop-in and every board whose firmware has a program's module must print the same, and the
boards without it must not have it at all (help('modules') and import). data/btree_files/
holds a btree file real MicroPython wrote and what it reads from it (record_btree_files.py):
mpt reads that file the same way, and real MicroPython reads the file mpt writes (when
MPT_MICROPYTHON_UNIX names a build with btree).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpt.runtime.library import btree_pages
from mpt.runtime.library.aes_cipher import AES

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from reference_tools import UNIX_ENV  # noqa: E402
from program_runs import drop_in, on_board  # noqa: E402

PROGRAMS = os.path.join(HERE, "programs_firmware_modules")
FILES = os.path.join(HERE, "data", "btree_files")
NAMES = sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))
# the boards whose firmware has each module (ports/*/mpconfigport.h, esp32_common.cmake)
HAVE = {"cryptolib": ("rp2", "rp2w", "esp32"), "btree": ("esp32",)}
BOARDS = ("rp2", "rp2w", "esp32", "pyboard")


def expected(folder: str, name: str) -> str:
    with open(os.path.join(folder, name[:-3] + ".exp"), encoding="utf-8") as f:
        return f.read()


@pytest.mark.parametrize("name", NAMES)
def test_unix_drop_in_prints_what_the_unix_port_printed(name, tmp_path):
    assert drop_in([name], PROGRAMS, str(tmp_path)) == expected(PROGRAMS, name)


@pytest.mark.parametrize("name, board", [(name, board) for name in NAMES
                                         for board in HAVE[name.split("_")[0]]])
def test_board_with_the_module_prints_the_same(name, board, tmp_path):
    assert on_board(board, os.path.join(PROGRAMS, name), str(tmp_path)) == \
        expected(PROGRAMS, name)


@pytest.mark.parametrize("board", BOARDS)
def test_each_board_has_exactly_its_firmwares_modules(board, tmp_path):
    script = tmp_path / "which.py"
    script.write_text("help('modules')\nfor m in ('cryptolib', 'ucryptolib', 'btree'):\n"
                      "    try:\n        __import__(m)\n        print(m, 'yes')\n"
                      "    except ImportError as e:\n        print(m, e)\n")
    out = on_board(board, str(script), str(tmp_path / "flash"))
    listing, _, imports = out.partition("Plus any modules on the filesystem")
    names = set(listing.split())
    has_crypto, has_btree = board in HAVE["cryptolib"], board in HAVE["btree"]
    assert ("cryptolib" in names, "btree" in names) == (has_crypto, has_btree)
    assert imports.split("\n")[1:4] == [
        "cryptolib yes" if has_crypto else "cryptolib no module named 'cryptolib'",
        "ucryptolib yes" if has_crypto else "ucryptolib no module named 'ucryptolib'",
        "btree yes" if has_btree else "btree no module named 'btree'"]


def test_mpt_reads_the_file_real_micropython_wrote(tmp_path):
    shutil.copy(os.path.join(FILES, "real.db"), tmp_path)
    shutil.copy(os.path.join(FILES, "check_db.py"), tmp_path)
    assert drop_in(["check_db.py", "real.db"], str(tmp_path), str(tmp_path)) == \
        expected(FILES, "check_db.py")


def _unix_with_btree() -> str | None:
    unix = os.environ.get(UNIX_ENV)
    if not unix or not os.access(unix, os.X_OK):
        return None
    p = subprocess.run([unix, "-c", "import btree"], capture_output=True, timeout=30)
    return unix if p.returncode == 0 else None


def test_real_micropython_reads_the_file_mpt_wrote(tmp_path):
    unix = _unix_with_btree()
    if unix is None:
        pytest.skip(f"{UNIX_ENV} does not name a unix build with the btree module")
    for script in ("make_db.py", "check_db.py"):
        shutil.copy(os.path.join(FILES, script), tmp_path)
    assert drop_in(["make_db.py", "mpt.db"], str(tmp_path), str(tmp_path)) == ""
    p = subprocess.run([unix, "check_db.py", "mpt.db"], cwd=tmp_path, capture_output=True,
                       timeout=60)
    assert (p.stdout + p.stderr).decode() == expected(FILES, "check_db.py")


records = st.dictionaries(st.binary(max_size=700), st.binary(max_size=1500), max_size=60)


@settings(max_examples=60, deadline=None)
@given(records, st.sampled_from([512, 1024, 4096]), st.integers(2, 6))
def test_a_written_image_reads_back(pairs, psize, minkeypage):
    pairs = sorted(pairs.items())
    image = btree_pages.write_image(pairs, psize, minkeypage)
    assert len(image) % psize == 0
    order, size, flags = btree_pages.parse_meta(image[:btree_pages.META_SIZE])
    assert (order, size, flags) == ("<", psize, btree_pages.B_NODUPS)
    assert btree_pages.read_pairs(lambda n: image[n * psize:(n + 1) * psize], order,
                                  psize) == pairs


def test_aes_agrees_with_the_cryptography_package():
    """Every key size and many blocks against OpenSSL's AES (through `cryptography`)."""
    ciphers = pytest.importorskip("cryptography.hazmat.primitives.ciphers")
    rnd = __import__("random").Random(1)
    for key_size in (16, 24, 32):
        for _ in range(40):
            key, block = rnd.randbytes(key_size), rnd.randbytes(16)
            ecb = ciphers.Cipher(ciphers.algorithms.AES(key), ciphers.modes.ECB())
            ours = AES(key)
            assert ours.encrypt_block(block) == ecb.encryptor().update(block)
            assert ours.decrypt_block(block) == ecb.decryptor().update(block)


def _cryptolib(**switches):
    from types import SimpleNamespace

    from mpt.runtime.library import cryptolib_mod
    from mpt.runtime.vm.features import EXTRA_FEATURES, Features
    features = Features.at_level("test", EXTRA_FEATURES, cryptolib=True, **switches)
    return cryptolib_mod.make_module(SimpleNamespace(features=features))


def test_ctr_mode_where_a_build_enables_it():
    """MICROPY_PY_CRYPTOLIB_CTR (the unix coverage variant's): mode 6 is OpenSSL's CTR, its
    keystream position carried across calls of any length, both directions the same."""
    ciphers = pytest.importorskip("cryptography.hazmat.primitives.ciphers")
    module = _cryptolib(cryptolib_ctr=True, cryptolib_consts=True)
    assert (module["MODE_ECB"], module["MODE_CBC"], module["MODE_CTR"]) == (1, 2, 6)
    rnd = __import__("random").Random(2)
    for key_size in (16, 32):
        key, iv = rnd.randbytes(key_size), b"\xff" * 12 + rnd.randbytes(4)  # counter carries
        data = rnd.randbytes(200)
        want = ciphers.Cipher(ciphers.algorithms.AES(key),
                              ciphers.modes.CTR(iv)).encryptor().update(data)
        enc = module["aes"](key, 6, iv)
        got = b"".join(enc.encrypt(data[a:b]) for a, b in ((0, 5), (5, 21), (21, 21), (21, 200)))
        assert got == want
        assert module["aes"](key, 6, iv).decrypt(want) == data
    with pytest.raises(ValueError, match="IV"):
        module["aes"](bytes(16), 6)
    plain = _cryptolib()
    assert "MODE_ECB" not in plain
    with pytest.raises(ValueError, match="mode"):
        plain["aes"](bytes(16), 6, bytes(16))
