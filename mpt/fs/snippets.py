"""MicroPython code run on the board by the file-system operations.

Each function returns source text; paths are embedded with repr(), which MicroPython parses
like CPython for str literals. The code sticks to what every port has (os, open) and probes
for the optional modules (binascii, hashlib) instead of assuming them.
"""

from __future__ import annotations


def _compact(source: str) -> str:
    """`source` with each level of indentation one space wide: fewer bytes on the wire."""
    lines = []
    for line in source.splitlines(True):
        body = line.lstrip(" ")
        lines.append(" " * ((len(line) - len(body)) // 4) + body)
    return "".join(lines)


# [platform, cwd, base64, sha256, statvfs, ilistdir, fromhex, deflate, the epoch's year,
#  binary transfers]; the free memory is asked for apart (FREE_MEMORY), by the transfers that
#  need it: a collection takes a while on a board with a large heap, and most commands never
#  need to know
PROBE = _compact("""\
import os, sys
c = [sys.platform, os.getcwd() if hasattr(os, 'getcwd') else '/', 0, 0,
     int(hasattr(os, 'statvfs')), int(hasattr(os, 'ilistdir')), 0, 0, 1970, 0]
try:
    import binascii as b
    c[2] = int(hasattr(b, 'a2b_base64') and hasattr(b, 'b2a_base64'))
    import hashlib
    c[3] = int(hasattr(hashlib, 'sha256') and hasattr(b, 'hexlify'))
except ImportError:
    pass
try:
    c[6] = len(bytes.fromhex('00'))
except Exception:
    pass
try:
    import deflate
    c[7] = int(hasattr(deflate, 'DeflateIO'))
except ImportError:
    pass
try:
    import time
    c[8] = time.gmtime(0)[0]
except Exception:
    pass
try:
    import micropython, select
    c[9] = int(hasattr(sys.stdin, 'buffer') and hasattr(sys.stdout, 'buffer')
               and hasattr(micropython, 'kbd_intr') and hasattr(select, 'poll'))
except Exception:
    pass
print(repr(c))
del c
""")

# gc.mem_free() after a collection (0: unknown)
FREE_MEMORY = _compact("""\
try:
    import gc
    gc.collect()
    print(gc.mem_free())
except Exception:
    print(0)
""")

# Helper functions the snippets below call, in groups sent on demand: the first code that
# needs a group brings its text along (and the groups it calls); they live in the raw REPL's
# globals until a soft reset wipes them, and then a NameError has them sent again.

# Window of the raw deflate streams the host sends (the board allocates 2**bits bytes).
DEFLATE_WINDOW_BITS = 12

_SOURCES = {
    "ls": """\
import os
def _mpt_ls(d):
    r = []
    p = d if d.endswith('/') else d + '/'
    if hasattr(os, 'ilistdir'):
        for e in os.ilistdir(d):
            n = e[0]
            if n in ('.', '..'):
                continue
            if e[1] & 0x4000:
                r.append((n, 1, 0, 0))
            else:
                s = os.stat(p + n)
                r.append((n, 0, s[6], s[8]))
    else:
        for n in os.listdir(d):
            s = os.stat(p + n)
            r.append((n, int(s[0] & 0x4000 != 0), s[6], s[8]))
    return r
""",
    # (the modules are imported once, not per file: an import of an extensible built-in
    # module looks on the file system first)
    # _mpt_hash is None-returning exactly where the probe finds no SHA-256.
    "hash": """\
try:
    import hashlib as _mpt_hl, binascii as _mpt_ba
    _mpt_hl.sha256, _mpt_ba.hexlify
except Exception:
    _mpt_hl = None
def _mpt_hash(f):
    if _mpt_hl is None:
        return None
    h = _mpt_hl.sha256()
    b = bytearray(1024)
    v = memoryview(b)
    with open(f, 'rb') as fh:
        while True:
            n = fh.readinto(b)
            if not n:
                break
            h.update(v[:n])
    return _mpt_ba.hexlify(h.digest()).decode()
""",
    "check": """\
import os
def _mpt_check(t, p, h, n):
    if os.stat(t)[6] != n or (h is not None and _mpt_hash(t) != h):
        os.remove(t)
        raise OSError('mpt: size or hash mismatch after copy')
    if t == p:
        return
    try:
        os.rename(t, p)
    except OSError:
        os.remove(p)
        os.rename(t, p)
def _mpt_reclaim(t):
    try:
        os.remove(t)
    except OSError:
        pass
""",
    "put": """\
def _mpt_put(t, p, b, h, n, sp):
    try:
        s = os.stat(p)
    except OSError:
        s = (0,) * 7
    if s[0] & 0x4000:
        raise OSError(21)
    if t != p:
        _mpt_reclaim(t)
    if sp:
        v = os.statvfs(p.rsplit('/', 1)[0] or '/')
        if v[0] * v[4] < n:
            if v[0] * v[4] + s[6] < n:
                raise OSError(28)
            t = p
    f = open(t, 'wb')
    try:
        f.write(b)
    finally:
        f.close()
    _mpt_check(t, p, h, n)
""",
    "unz": """\
def _mpt_unz(b):
    from deflate import DeflateIO, RAW
    from io import BytesIO
    return DeflateIO(BytesIO(b), RAW, %d).read()
""" % DEFLATE_WINDOW_BITS,
    # The board's side of the binary transfer mode (mpt.fs.wire describes the bytes).
    # _mpt_go turns Ctrl-C off, greets the host and learns whether raw bytes can flow; its
    # callers restore Ctrl-C in a finally. Whatever may fail before the first frame (the
    # file's open, the buffer) is done before the greeting invites the host to send. An upload
    # that does not end with its empty frame removes its file, whatever the host does.
    "go": """\
def _mpt_go(i, o):
    import micropython
    micropython.kbd_intr(-1)
    o.write(b'\\x16\\x06\\r\\n\\x00\\xff\\n')
    if i.read(4) != b'MPT\\x06':
        o.write(b'\\x15')
        return 0
    o.write(b'\\x06')
    import select
    p = select.poll()
    p.register(i, 1)
    return p
""",
    "rx": """\
def _mpt_rx(t, n, e, m):
    import sys, os, micropython
    i = sys.stdin.buffer
    o = sys.stdout.buffer
    h = bytearray(5)
    v = memoryview(bytearray(n))
    f = open(t, 'wb')
    w = 0
    try:
        p = _mpt_go(i, o)
        if not p:
            return 0
        while p.poll(m):
            i.readinto(h)
            if h[0] != 22:
                raise OSError('mpt: transfer abandoned')
            k = int(str(h, 'ascii')[1:], 16)
            if not k:
                break
            i.readinto(v[:k])
            d = bytes(v[:k])
            if d.find(b'\\x10') >= 0:
                for c in e:
                    d = d.replace(bytes((16, c + 64)), bytes((c,)))
                d = d.replace(b'\\x10P', b'\\x10')
            f.write(d)
            o.write(b'\\x06')
        else:
            raise OSError(110)
        w = 1
    finally:
        f.close()
        micropython.kbd_intr(3)
        if not w:
            os.remove(t)
    o.write(b'\\x06')
    return 1
""",
    "tx": """\
import os
def _mpt_tx(t, n, e):
    import sys, micropython
    i = sys.stdin.buffer
    o = sys.stdout.buffer
    s = os.stat(t)[6]
    f = open(t, 'rb')
    try:
        import hashlib
        g = hashlib.sha256()
    except ImportError:
        g = None
    try:
        p = _mpt_go(i, o)
        if not p:
            return
        o.write(b'\\x16' + ('%08x' % s).encode())
        b = bytearray(n)
        v = memoryview(b)
        while True:
            k = f.readinto(b)
            if not k:
                break
            if g:
                g.update(v[:k])
            d = bytes(v[:k]).replace(b'\\x10', b'\\x10P')
            for c in e:
                d = d.replace(bytes((c,)), bytes((16, c + 64)))
            o.write(b'\\x16' + ('%04x' % len(d)).encode())
            o.write(d)
            if p.poll(0):
                raise OSError('mpt: transfer abandoned')
        o.write(b'\\x160000')
    finally:
        micropython.kbd_intr(3)
        f.close()
    if g:
        import binascii
        print(binascii.hexlify(g.digest()).decode())
""",
}
HELPERS = {name: _compact(source) for name, source in _SOURCES.items()}
# the groups each group calls
_CALLS = {"check": ("hash",), "put": ("check",), "rx": ("go",), "tx": ("go",)}
HELPER_NAMES = ("_mpt_ls", "_mpt_hash", "_mpt_hl", "_mpt_ba", "_mpt_check", "_mpt_reclaim",
                "_mpt_put", "_mpt_unz", "_mpt_go", "_mpt_rx", "_mpt_tx")


def helper_groups(needed) -> list[str]:
    """The groups `needed` calls for, each after the groups it calls."""
    order: list[str] = []

    def visit(name: str) -> None:
        for called in _CALLS.get(name, ()):
            visit(called)
        if name not in order:
            order.append(name)

    for name in needed:
        visit(name)
    return order


def binary_write(tmp_path: str, path: str, frame_size: int, escaped: bytes, silence_ms: int,
                 expected_hash: str | None, size: int) -> str:
    """Receive a file in binary frames into `tmp_path`; check it and move it to `path`."""
    return (f"if _mpt_rx({tmp_path!r}, {frame_size}, {escaped!r}, {silence_ms}):\n"
            f"    _mpt_check({tmp_path!r}, {path!r}, {expected_hash!r}, {size})\n")


def binary_read(path: str, frame_size: int, escaped: bytes) -> str:
    """Send a file in binary frames, then its SHA-256 (when the board has hashlib)."""
    return f"_mpt_tx({path!r}, {frame_size}, {escaped!r})\n"


def stat(path: str) -> str:
    # Any OSError counts as "not there": errno numbers differ between ports.
    return f"""\
import os
try:
    s = os.stat({path!r})
    print(repr((int(s[0] & 0x4000 != 0), s[6], s[8])))
except OSError:
    print('None')
"""


def listdir(path: str) -> str:
    return f"print(repr(_mpt_ls({path!r})))\n"


def list_path(path: str) -> str:
    """('dir', [entries]) / ('file', [entry]) / None for what is at `path`."""
    return f"""\
import os
try:
    s = os.stat({path!r})
except OSError:
    s = None
if s is None:
    print('None')
elif s[0] & 0x4000:
    print(repr(('dir', _mpt_ls({path!r}))))
else:
    print(repr(('file', [({path.rstrip('/').rsplit('/', 1)[-1]!r}, 0, s[6], s[8])])))
"""


def walk(path: str, with_hashes: bool) -> str:
    """Every entry below `path`, printed one per line as a literal tuple.

    (relative path, is_dir, size, mtime, sha256 hex or None); `None` first line if the
    path does not exist, `file` first line if it is a file (then one line about it).
    A relative `path` is the board's to resolve against its current folder ('': that folder).
    """
    where = repr(path) if path else "os.getcwd() if hasattr(os, 'getcwd') else '/'"
    hash_call = "_mpt_hash(f)" if with_hashes else "None"
    return _compact(f"""\
import os
def _mpt_walk(d, rel):
    for n, isdir, size, mtime in _mpt_ls(d):
        f = (d if d.endswith('/') else d + '/') + n
        r = rel + n
        if isdir:
            print(repr((r, 1, 0, 0, None)))
            _mpt_walk(f, r + '/')
        else:
            print(repr((r, 0, size, mtime, {hash_call})))
def _mpt_top(p):
    try:
        s = os.stat(p)
    except OSError:
        print('None')
        return
    if s[0] & 0x4000:
        print("'dir'")
        _mpt_walk(p, '')
    else:
        f = p
        print("'file'")
        print(repr(('', 0, s[6], s[8], {hash_call})))
_mpt_top({where})
""")


def sha256(path: str) -> str:
    return f"print(repr(_mpt_hash({path!r})))\n"


def statvfs(path: str, reclaim: str | None = None) -> str:
    """The folder's statvfs; with `reclaim`, after removing that file (the temporary file an
    interrupted copy left behind, whose space the new copy may need)."""
    first = f"_mpt_reclaim({reclaim!r})\n" if reclaim else ""
    return first + f"""\
import os
s = os.statvfs({path!r})
print(repr((s[0], s[1], s[2], s[3], s[4])))
"""


def open_for_read(path: str) -> str:
    return f"import os\nprint(os.stat({path!r})[6])\n_mpt_f = open({path!r}, 'rb')\n"


def read_chunks(chunk: int, encoding: str) -> str:
    """Stream the open file `_mpt_f` to stdout in one go: one encoded chunk per line."""
    if encoding == "base64":
        emit = "from binascii import b2a_base64 as _e\n_w = lambda b: print(_e(b).decode(), end='')\n"
    elif encoding == "hex":
        emit = "from binascii import hexlify as _e\n_w = lambda b: print(_e(b).decode())\n"
    else:
        emit = "_w = lambda b: print(repr(b))\n"
    return f"""\
import sys
{emit}
_mpt_b = bytearray({chunk})
_mpt_v = memoryview(_mpt_b)
while True:
    n = _mpt_f.readinto(_mpt_b)
    if not n:
        break
    _w(bytes(_mpt_v[:n]))
_mpt_f.close()
del _mpt_f, _mpt_b, _mpt_v
"""


def open_for_write(tmp_path: str, encoding: str, inflate: bool = False) -> str:
    if encoding == "base64":
        decode = "from binascii import a2b_base64 as _mpt_d\n"
    elif encoding == "hex":
        decode = "_mpt_d = bytes.fromhex\n"
    else:
        decode = "_mpt_d = lambda b: b\n"
    inflater = ""
    if inflate:
        inflater = f"""\
from deflate import DeflateIO as _mpt_D, RAW as _mpt_R
from io import BytesIO as _mpt_B
def _mpt_z(b):
    d = _mpt_D(_mpt_B(b), _mpt_R, {DEFLATE_WINDOW_BITS})
    while True:
        x = d.read(2048)
        if not x:
            break
        _mpt_w(x)
"""
    return f"{decode}_mpt_f = open({tmp_path!r}, 'wb')\n_mpt_w = _mpt_f.write\n{inflater}"


def write_chunk(literal: bytes, compressed: bool = False) -> bytes:
    if compressed:
        return b"_mpt_z(_mpt_d(" + literal + b"))\n"
    return b"_mpt_w(_mpt_d(" + literal + b"))\n"


def finish_write(tmp_path: str, path: str, expected_hash: str | None, expected_size: int) -> str:
    return f"""\
_mpt_f.close()
del _mpt_f, _mpt_w, _mpt_d
globals().pop('_mpt_z', None)
_mpt_check({tmp_path!r}, {path!r}, {expected_hash!r}, {expected_size})
"""


def write_whole(tmp_path: str, path: str, literal: bytes, encoding: str, compressed: bool,
                expected_hash: str | None, size: int, check_space: bool) -> bytes:
    """A small file in one exec: refuse a folder or a full disk, write, check, rename."""
    decoder = {"base64": b"from binascii import a2b_base64 as _mpt_d\n",
               "hex": b"_mpt_d = bytes.fromhex\n", "repr": b"_mpt_d = bytes\n"}[encoding]
    data = b"_mpt_d(" + literal + b")"
    if compressed:
        data = b"_mpt_unz(" + data + b")"
    return decoder + (f"_mpt_put({tmp_path!r}, {path!r}, ".encode() + data +
                      f", {expected_hash!r}, {size}, {int(check_space)})\n".encode())


def abandon_write(tmp_path: str) -> str:
    return f"""\
import os
try:
    _mpt_f.close()
except Exception:
    pass
try:
    os.remove({tmp_path!r})
except OSError:
    pass
"""


def remove(path: str) -> str:
    return f"import os\nos.remove({path!r})\n"


def remove_tree(path: str) -> str:
    return f"""\
import os
def _mpt_rm(d):
    for n, isdir, size, mtime in _mpt_ls(d):
        f = (d if d.endswith('/') else d + '/') + n
        if isdir:
            _mpt_rm(f)
        else:
            os.remove(f)
    os.rmdir(d)
s = os.stat({path!r})
if s[0] & 0x4000:
    _mpt_rm({path!r})
else:
    os.remove({path!r})
"""


def mkdir(path: str, parents: bool) -> str:
    if not parents:
        return f"import os\nos.mkdir({path!r})\n"
    return f"""\
import os
_mpt_p = ''
for _mpt_n in {path!r}.split('/'):
    if not _mpt_n:
        if not _mpt_p:
            _mpt_p = '/'
        continue
    _mpt_p = _mpt_p + _mpt_n if _mpt_p.endswith('/') or not _mpt_p else _mpt_p + '/' + _mpt_n
    try:
        os.mkdir(_mpt_p)
    except OSError:
        try:
            _mpt_d = os.stat(_mpt_p)[0] & 0x4000
        except OSError:
            _mpt_d = 0
        if not _mpt_d:
            raise
"""


def rmdir(path: str) -> str:
    return f"import os\nos.rmdir({path!r})\n"


def rename(source: str, target: str) -> str:
    return f"import os\nos.rename({source!r}, {target!r})\n"


def touch(path: str) -> str:
    return f"open({path!r}, 'ab').close()\n"
