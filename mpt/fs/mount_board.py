"""The board side of `mpt mount`: a MicroPython VFS whose files live on the host.

The text below is MicroPython code that mpt sends over the raw REPL. It mounts a `_MptFS`
object at /remote; every operation on it becomes one request on the console (the same serial
line), answered by the host (mpt.fs.mount_server). See mount_protocol for the wire format.

What makes it fast:

* read-ahead: opening a file for reading brings its size and its first READ_AHEAD bytes in
  the same answer, so a module's source arrives with its open; reads past the end of what
  was fetched ask for READ_AHEAD bytes at a time; reads at the end of the file and close need
  no request at all;
* directory listings travel whole: a stat brings the listing of the folder it looks in (when
  the folder is not huge), which answers the next stats there (an import looks for `m`, then
  `m.py`) for LISTING_TTL_MS, or until the board changes something through the mount;
* writes are batched: a file open for writing sends its bytes in pieces of WRITE_BATCH.

While a request is on the line the console's Ctrl-C is off (micropython.kbd_intr(-1)), so
the answer's bytes cannot interrupt the program; bytes the host sent before the answer (keys
typed meanwhile) are taken out up to the answer's sync byte and handed back to the host, which
sends them again (RESEND) so that they reach the program or the REPL later, in order; a Ctrl-C
among them raises KeyboardInterrupt once the answer is in.
"""

from __future__ import annotations

from mpt.fs import mount_protocol as P

READ_AHEAD = 16384
WRITE_BATCH = 8192
LISTING_TTL_MS = 1000
ANSWER_TIMEOUT_MS = 10000  # no answer at all for this long: the host has gone (ETIMEDOUT)
MOUNT_POINT = "/remote"

BOARD_CODE = f"""\
import os, sys, io, struct, time, micropython
class _MptLink:
    def __init__(s):
        import select
        s.i = sys.stdin.buffer
        s.o = sys.stdout.buffer
        s.p = select.poll()
        s.p.register(s.i, select.POLLIN)
        s.h = bytearray(5)
    def rq(s, op, path=b'', a=0, b=0, d=b''):
        if isinstance(path, str):
            path = path.encode()
        micropython.kbd_intr(-1)
        k = 0
        u = b''
        try:
            s.o.write({P.REQUEST!r} + struct.pack('{P.REQUEST_HEAD}', op, a, b, len(path), len(d)) + path)
            if d:
                s.o.write(d)
            h = s.h
            while True:
                if not s.p.poll({ANSWER_TIMEOUT_MS}):
                    raise OSError(110)
                s.i.readinto(h, 1)
                if h[0] == {P.SYNC}:
                    break
                if h[0] == 3:
                    k = 1
                else:
                    u += h[:1]
            s.i.readinto(h, 5)
            st = h[0]
            n = h[1] | h[2] << 8 | h[3] << 16 | h[4] << 24
            r = bytearray(n)
            if n:
                s.i.readinto(r, n)
            if u:
                s.o.write({P.REQUEST!r} + struct.pack('{P.REQUEST_HEAD}', {P.RESEND}, 0, 0, 0, len(u)) + u)
        finally:
            micropython.kbd_intr(3)
        if k:
            raise KeyboardInterrupt
        if st:
            raise OSError(st)
        return r
def _mpt_entries(r, o, m):
    while o < len(r):
        t, z, tm, k = struct.unpack_from('{P.ENTRY}', r, o)
        o += {P.ENTRY_SIZE}
        m[str(r[o:o + k], 'utf8')] = (0x4000 if t else 0x8000, z, tm)
        o += k
    return m
class _MptRFile(io.IOBase):
    def __init__(f, fs, p, z, b, t):
        f.fs = fs
        f.p = p
        f.z = z
        f.b = b
        f.o = 0
        f.n = 0
        f.t = t
    def __enter__(f):
        return f
    def __exit__(f, *a):
        f.close()
    def __iter__(f):
        return f
    def __next__(f):
        l = f.readline()
        if not l:
            raise StopIteration
        return l
    def readinto(f, buf):
        i = f.n - f.o
        if i < 0 or i >= len(f.b):
            if f.n >= f.z:
                return 0
            f.b = bytes(f.fs.l.rq({P.READ}, f.p, f.n, max(len(buf), {READ_AHEAD})))
            f.o = f.n
            i = 0
            if not f.b:
                return 0
        k = min(len(buf), len(f.b) - i)
        buf[:k] = f.b[i:i + k]
        f.n += k
        return k
    def _rd(f, n):
        if n is None or n < 0:
            n = max(0, f.z - f.n)
        b = bytearray(n)
        v = memoryview(b)
        k = 0
        while k < n:
            j = f.readinto(v[k:])
            if not j:
                break
            k += j
        return b[:k]
    def read(f, n=-1):
        b = f._rd(n)
        return str(b, 'utf8') if f.t else bytes(b)
    def readline(f, n=-1):
        b = bytearray()
        c = bytearray(1)
        while n < 0 or len(b) < n:
            i = f.n - f.o
            if 0 <= i < len(f.b):
                j = f.b.find(b'\\n', i)
                e = len(f.b) if j < 0 else j + 1
                if n >= 0:
                    e = min(e, i + n - len(b))
                b += f.b[i:e]
                f.n += e - i
                if j >= 0 and e == j + 1:
                    break
                continue
            if not f.readinto(c):
                break
            b += c
            if c[0] == 10:
                break
        return str(b, 'utf8') if f.t else bytes(b)
    def readlines(f):
        return [l for l in f]
    def write(f, b):
        raise OSError(9)
    def seek(f, o, w=0):
        f.n = max(0, o if w == 0 else f.n + o if w == 1 else f.z + o)
        return f.n
    def tell(f):
        return f.n
    def flush(f):
        pass
    def close(f):
        f.b = b''
    def ioctl(f, r, a):
        if r == 11:
            return 1017
        return 0 if r in (1, 4) else -1
class _MptWFile(io.IOBase):
    def __init__(f, fs, d, t):
        f.fs = fs
        f.d = d
        f.w = bytearray()
        f.t = t
    def __enter__(f):
        return f
    def __exit__(f, *a):
        f.close()
    def write(f, b):
        if f.d < 0:
            raise OSError(9)
        if isinstance(b, str):
            b = b.encode()
        f.w += b
        if len(f.w) >= {WRITE_BATCH}:
            f.flush()
        return len(b)
    def flush(f):
        if f.w:
            w = f.w
            f.w = bytearray()
            f.fs.l.rq({P.WRITE}, b'', f.d, 0, w)
    def seek(f, o, w=0):
        f.flush()
        r = f.fs.l.rq({P.SEEK}, b'', f.d, o, bytes([w]))
        return struct.unpack_from('<i', r)[0]
    def tell(f):
        return f.seek(0, 1)
    def read(f, n=-1):
        raise OSError(9)
    def readinto(f, b):
        raise OSError(9)
    def close(f):
        if f.d >= 0:
            try:
                f.flush()
            finally:
                d = f.d
                f.d = -1
                f.fs.l.rq({P.CLOSE}, b'', d)
    def ioctl(f, r, a):
        if r == 1:
            f.flush()
        elif r == 4:
            f.close()
        else:
            return -1
        return 0
class _MptFS:
    def __init__(s, l):
        s.l = l
        s.cwd = '/'
        s.c = {{}}
    def mount(s, r, m):
        pass
    def umount(s):
        pass
    def _ap(s, p):
        if not p.startswith('/'):
            p = s.cwd + p
        o = []
        for x in p.split('/'):
            if x == '..':
                if o:
                    o.pop()
            elif x and x != '.':
                o.append(x)
        return '/' + '/'.join(o)
    def _dir(s, d):
        e = s.c.get(d)
        if e is not None and time.ticks_diff(time.ticks_ms(), e[0]) < {LISTING_TTL_MS}:
            return e[1]
        return None
    def _keep(s, d, m):
        s.c[d] = (time.ticks_ms(), m)
    def stat(s, p):
        p = s._ap(p)
        if p == '/':
            return (0x4000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        d, n = p.rsplit('/', 1)
        d = d or '/'
        m = s._dir(d)
        if m is None:
            r = s.l.rq({P.STAT}, p)
            f, md, z, tm = struct.unpack_from('{P.STAT_HEAD}', r)
            if f & 2:
                s._keep(d, _mpt_entries(r, {P.STAT_HEAD_SIZE}, {{}}))
            if not f & 1:
                raise OSError(2)
            return (md, 0, 0, 0, 0, 0, z, tm, tm, tm)
        v = m.get(n)
        if v is None:
            raise OSError(2)
        return (v[0], 0, 0, 0, 0, 0, v[1], v[2], v[2], v[2])
    def ilistdir(s, p):
        p = s._ap(p)
        m = _mpt_entries(s.l.rq({P.LIST}, p), 0, {{}})
        s._keep(p, m)
        return iter([(k, v[0], 0, v[1]) for k, v in m.items()])
    def open(s, p, m):
        p = s._ap(p)
        t = 'b' not in m
        if 'r' in m and '+' not in m:
            r = s.l.rq({P.OPEN_READ}, p, {READ_AHEAD})
            return _MptRFile(s, p, struct.unpack_from('<I', r)[0], bytes(r[4:]), t)
        s.c = {{}}
        r = s.l.rq({P.OPEN_WRITE}, p, 0, 0, m.encode())
        return _MptWFile(s, struct.unpack_from('<i', r)[0], t)
    def _ch(s, op, p, d=b''):
        s.c = {{}}
        s.l.rq(op, s._ap(p), 0, 0, d)
    def mkdir(s, p):
        s._ch({P.MKDIR}, p)
    def rmdir(s, p):
        s._ch({P.RMDIR}, p)
    def remove(s, p):
        s._ch({P.REMOVE}, p)
    def rename(s, a, b):
        s._ch({P.RENAME}, a, s._ap(b).encode())
    def statvfs(s, p):
        return struct.unpack('<10I', s.l.rq({P.STATVFS}, s._ap(p)))
    def chdir(s, p):
        p = s._ap(p)
        if p != '/' and not s.stat(p)[0] & 0x4000:
            raise OSError(20)
        s.cwd = p if p == '/' else p + '/'
    def getcwd(s):
        return s.cwd if s.cwd == '/' else s.cwd[:-1]
def _mpt_mount():
    try:
        os.umount('{MOUNT_POINT}')
    except OSError:
        pass
    os.mount(_MptFS(_MptLink()), '{MOUNT_POINT}')
    os.chdir('{MOUNT_POINT}')
"""

MOUNT_CALL = "_mpt_mount()"
UNMOUNT_CALL = f"import os\ntry:\n    os.umount('{MOUNT_POINT}')\nexcept OSError:\n    pass\n" \
               "os.chdir('/')"
