"""os and files as a board's flash file system has them (littlefs on rp2/esp32, FAT on the
pyboard). The webassembly build of MicroPython runs on Emscripten's in-memory POSIX file
system, with Emscripten's errno numbers and POSIX stat results, so these come from
MicroPython 1.29's source instead, cited per test."""

from __future__ import annotations

import pytest

from test_system_modules import run_source

ERRORS = """
    import os
    def err(f, *a):
        try:
            f(*a)
            print("no error")
        except OSError as e:
            print(e)
    err(open, "missing.txt")
    err(os.remove, "missing.txt")
    err(os.listdir, "missing")
    err(os.stat, "missing")
    err(os.chdir, "missing")
    os.mkdir("d")
    err(os.mkdir, "d")
    open("d/f", "w").close()
    err(os.rmdir, "d")
"""


# py/moderrno.c names only some errnos ("[Errno 2] ENOENT"); others print as the bare number.
# littlefs reports a non-empty directory as ENOTEMPTY (39, unnamed); FatFs as FR_DENIED,
# which extmod/vfs_fat maps to EACCES.
@pytest.mark.parametrize("board, rmdir_error", [("rp2", "39"), ("esp32", "39"),
                                                ("pyboard", "[Errno 13] EACCES")])
def test_os_errors_name_the_errno(tmp_path, board, rmdir_error):
    _, out = run_source(tmp_path, ERRORS, board)
    assert out.splitlines() == ["[Errno 2] ENOENT"] * 5 + ["[Errno 17] EEXIST", rmdir_error]


def test_stat_ilistdir_statvfs_shapes(tmp_path):
    # extmod/vfs_lfsx.c: stat is a 10-tuple (mode, 0, 0, 0, 0, 0, size, mtime x3),
    # ilistdir yields (name, type, inode, size); statvfs is a 10-tuple in blocks
    _, out = run_source(tmp_path, """
        import os
        with open("f.txt", "w") as f:
            f.write("12345")
        os.mkdir("sub")
        st = os.stat("f.txt")
        print(len(st), st[0], st[1:6], st[6], st[7] == st[8] == st[9])
        print(os.stat("sub")[0])
        print(sorted(os.ilistdir()))
        v = os.statvfs("/")
        print(len(v), v[0], v[1], v[2] >= v[3] == v[4], v[9])
    """)
    assert out.splitlines() == [
        "10 32768 (0, 0, 0, 0, 0) 5 True", "16384",
        "[('f.txt', 32768, 0, 5), ('sub', 16384, 0, 0)]",
        "10 4096 4096 True 255"]


def test_uname_and_urandom(tmp_path):
    # extmod/modos.c: uname fields from MICROPY_PY_SYS_PLATFORM, the version and the board
    _, out = run_source(tmp_path, """
        import os
        u = os.uname()
        print(u.sysname, u.nodename, u.release, u.machine, u[0] == u.sysname, len(u))
        print(len(os.urandom(0)), len(os.urandom(33)), type(os.urandom(4)).__name__)
    """, "esp32")
    assert out.splitlines() == [
        "esp32 esp32 1.29.0 Generic ESP32 module with ESP32 True 5", "0 33 bytes"]


def test_file_modes_and_closed_files_as_the_vfs_checks_them(tmp_path):
    # extmod/vfs_lfsx_file.c: two of r/w/x/a in a mode is ValueError(); unknown mode
    # characters are ignored; a closed file raises ValueError() on use but closes again
    # quietly; files print as <io.TextIOWrapper> / <io.FileIO>
    _, out = run_source(tmp_path, """
        f = open("a.txt", "wq")
        print(f, f.write("hi"))
        f.close()
        f.close()
        for op in (lambda: f.read(), lambda: f.write("x"), lambda: f.seek(0)):
            try:
                op()
            except ValueError as e:
                print(repr(e))
        try:
            open("a.txt", "rw")
        except ValueError as e:
            print(repr(e))
        with open("a.txt", "rb") as g:
            print(g)
    """)
    assert out.splitlines() == ["<io.TextIOWrapper> 2", "ValueError()", "ValueError()",
                                "ValueError()", "ValueError()", "<io.FileIO>"]


@pytest.mark.parametrize("board, epoch", [("rp2", "(1970, 1, 1, 0, 0, 0, 3, 1)"),
                                          ("esp32", "(2000, 1, 1, 0, 0, 0, 5, 1)")])
def test_time_epoch_and_integer_seconds(tmp_path, board, epoch):
    # ports/esp32 and stm32 count from 2000 (MICROPY_EPOCH_IS_2000); rp2 from 1970; the
    # boards' time.time() is an int (the wasm build returns a float)
    _, out = run_source(tmp_path, """
        import time
        print(time.gmtime(0), type(time.time()).__name__)
        print(time.mktime(time.gmtime(0)))
    """, board)
    assert out.splitlines() == [f"{epoch} int", "0"]
