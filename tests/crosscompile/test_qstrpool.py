"""The builtin qstr data (what mpy-cross 1.29 has interned before parsing), checked against the
real binary: a string literal longer than 10 bytes is stored as a qstr exactly when it is in
the pool, otherwise as a str object."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mpt.crosscompile.qstrpool import QstrPool, builtin_qstrs
from mpt.mpy.varint import read_var_uint
from tests.crosscompile.frontend_ref import reference

REPO = Path(__file__).resolve().parents[2]


def object_count(mpy: bytes) -> int:
    _, pos = read_var_uint(mpy, 4)
    return read_var_uint(mpy, pos)[0]


def test_every_listed_qstr_is_interned_in_mpy_cross(tmp_path):
    names = sorted(q.decode() for q in builtin_qstrs())
    assert len(names) > 20
    source = "".join(f"x = {name!r}\n" for name in names).encode()
    mpy, err = reference(tmp_path, source)
    assert err is None, err
    assert object_count(mpy) == 0


@pytest.mark.parametrize("name", ["__getattribute__", "some_long_name", "NotImplemented_",
                                  "StopIterationX", "__init_subclass__"])
def test_unlisted_long_strings_are_objects_in_mpy_cross(tmp_path, name):
    assert name.encode() not in builtin_qstrs()
    mpy, err = reference(tmp_path, f"x = {name!r}\n".encode())
    assert err is None, err
    assert object_count(mpy) == 1


def test_pool_grows_with_interned_names():
    pool = QstrPool([b"first_name_here"])
    assert pool.find(b"first_name_here") and pool.find(b"staticmethod")
    assert not pool.find(b"second_name_here")
    pool.intern(b"second_name_here")
    assert pool.find(b"second_name_here")
    assert pool.added == [b"first_name_here", b"second_name_here"]


@pytest.mark.slow
def test_derivation_tool_reproduces_the_data(tmp_path):
    out = tmp_path / "builtin_qstrs.py"
    subprocess.run([sys.executable, str(REPO / "tools/derive_mpy_cross_qstrs.py"), "-o", str(out)],
                   check=True, capture_output=True)
    committed = REPO / "mpt/crosscompile/builtin_qstrs.py"
    assert out.read_text() == committed.read_text()
