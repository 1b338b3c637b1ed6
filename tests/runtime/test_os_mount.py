"""os.mount/umount and the vfs module where the wasm reference cannot show a board's behaviour
(its root is a VfsPosix, its stat() prints stat_result): grounded in extmod/vfs.c, modvfs.c
and the ports' configurations."""

from __future__ import annotations

import os
import textwrap

import pytest

from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions
from mpt.runtime import Interpreter


def run_board(tmp_path, source: str, board: str = "rp2") -> str:
    script = tmp_path / "prog.py"
    script.write_text(textwrap.dedent(source))
    out: list[str] = []
    flash = tmp_path / "flash"
    run_on_board(str(script), ["prog.py"], BoardOptions(board=board, flash=str(flash)),
                 stdout=out.append, stderr=out.append)
    return "".join(out)


@pytest.mark.parametrize("board, names", [
    ("rp2", "['VfsFat', 'VfsLfs2', 'mount', 'umount']"),
    ("esp32", "['VfsFat', 'VfsLfs2', 'mount', 'umount']"),
    ("pyboard", "['VfsFat', 'VfsLfs2', 'mount', 'umount']"),  # PYBV11 builds MICROPY_VFS_LFS2
])
def test_vfs_module_has_the_ports_file_systems(tmp_path, board, names):
    out = run_board(tmp_path, """
        import vfs, os
        print(sorted(n for n in dir(vfs) if not n.startswith('_')))
        print(os.mount is vfs.mount, os.umount is vfs.umount)
        print(os.mount())
    """, board)
    kind = "VfsFat" if board == "pyboard" else "VfsLfs2"
    assert out == f"{names}\nTrue True\n[(<{kind}>, '/')]\n"


def test_flash_object_is_an_instance_of_the_vfs_class(tmp_path):
    out = run_board(tmp_path, """
        import vfs, os
        fs = os.mount()[0][0]
        print(isinstance(fs, vfs.VfsLfs2), type(fs).__name__)
        print(fs.stat('/')[0], list(fs.ilistdir('/')))
        for make in (lambda: vfs.VfsLfs2(bytearray(4096)), lambda: os.mount(bytearray(8), '/bd')):
            try:
                make()
            except AttributeError as e:
                print('AttributeError', e)
            except OSError as e:
                print('OSError', e.errno)
    """)
    # a bytearray is no block device (it has no readblocks): mounting one tries littlefs,
    # then FAT, whose constructor reads block 0 (the unix port of 1.29 prints the same)
    assert out == ("True VfsLfs2\n16384 []\n"
                   "AttributeError 'bytearray' object has no attribute 'readblocks'\n"
                   "AttributeError 'bytearray' object has no attribute 'readblocks'\n")


def test_readonly_remount_refuses_writes_and_plain_remount_allows_them(tmp_path):
    out = run_board(tmp_path, """
        import os
        fs = os.mount()[0][0]
        os.umount('/')
        os.mount(fs, '/', readonly=True)
        try:
            open('/f.txt', 'w')
        except OSError as e:
            print('OSError', e.errno)
        os.umount('/')
        os.mount(fs, '/')
        with open('/f.txt', 'w') as f:
            f.write('ok')
        print(os.listdir('/'))
    """)
    assert out == "OSError 30\n['f.txt']\n"
    assert (tmp_path / "flash" / "f.txt").read_text() == "ok"


def test_flash_mounted_under_a_subdirectory_stays_inside_its_folder(tmp_path):
    (tmp_path / "secret.txt").write_text("host")
    out = run_board(tmp_path, """
        import os
        fs = os.mount()[0][0]
        os.umount('/')
        os.mount(fs, '/flash')
        print(os.listdir('/'), os.listdir('/flash/..'), os.listdir('/flash/../..'))
        for path in ('/flash/../secret.txt', '/flash/../../secret.txt', '/secret.txt'):
            try:
                open(path)
            except OSError as e:
                print('OSError', e.errno)
        os.chdir('/flash')
        print(os.getcwd())
        open('made.txt', 'w').close()
        print(os.listdir('/flash'))
    """)
    assert out == ("['flash'] [] []\nOSError 2\nOSError 2\nOSError 19\n/flash\n"
                   "['made.txt']\n")
    assert os.listdir(tmp_path / "flash") == ["made.txt"]


def test_nothing_mounted_without_a_file_system():
    out: list[str] = []
    interp = Interpreter(stdout=out.append, stderr=out.append)
    interp.exec_source(textwrap.dedent("""
        import os
        print(os.mount(), os.listdir('/'), os.getcwd(), os.statvfs('/'))
        try:
            open('x')
        except OSError as e:
            print('OSError', e.errno)
    """))
    assert "".join(out) == "[] [] / (0, 0, 0, 0, 0, 0, 0, 0, 0, 256)\nOSError 19\n"
