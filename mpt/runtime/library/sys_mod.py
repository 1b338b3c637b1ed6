"""The guest's `sys` module (also importable as `usys`)."""

from __future__ import annotations

from mpt.runtime.library.arity import check_arity
from mpt.runtime.library.files import _File
from mpt.runtime.library.io_mod import IOBase, _MemoryStream
from mpt.runtime.vm.objects import mp_repr, register_guest_type

# the firmware emulated: sys.version here, the banner and os.uname() in the board profiles
MICROPYTHON_VERSION = "1.29.0"
BUILD_DATE = "2026-08-29"

# .mpy version 6, sub-version 3: the low byte and the sub-version bits of sys.implementation._mpy
MPY_VERSION, MPY_SUB_VERSION = 6, 3
VERSION_TUPLE = (1, 29, 0, "")


_ATTRTUPLE_CLASSES: dict[tuple, type] = {}


def _attrtuple_class(names: tuple) -> type:
    """A tuple type whose items are also attributes (MicroPython's attrtuple), one per field
    list; registered as a guest type so the guest may read the fields named with `_`."""
    cls = _ATTRTUPLE_CLASSES.get(names)
    if cls is not None:
        return cls

    def __getattr__(self, name):
        if name in names:
            return self[names.index(name)]
        raise AttributeError(f"'tuple' object has no attribute '{name}'")

    def __repr__(self):
        return "(" + ", ".join(f"{n}={v!r}" for n, v in zip(names, self)) + ")"

    cls = type("tuple", (tuple,), {"__slots__": (), "__getattr__": __getattr__,
                                   "__repr__": __repr__, "__module__": "builtins"})
    _ATTRTUPLE_CLASSES[names] = register_guest_type(cls)
    return cls


def implementation_fields(profile) -> dict:
    """sys.implementation's fields as the board's firmware builds them (py/modsys.c)."""
    if profile is None:
        return {"name": "micropython", "version": VERSION_TUPLE, "_machine": "mpt emulator",
                "_mpy": MPY_VERSION | MPY_SUB_VERSION << 8}
    fields = {"name": "micropython", "version": VERSION_TUPLE, "_machine": profile.machine,
              "_mpy": MPY_VERSION | (MPY_SUB_VERSION | profile.native_arch << 2) << 8}
    if profile.build_name:
        fields["_build"] = profile.build_name
    if profile.thread:
        fields["_thread"] = profile.thread
    return fields


def make_implementation(profile) -> tuple:
    fields = implementation_fields(profile)
    return _attrtuple_class(tuple(fields))(fields.values())


class _Stream:
    """sys.stdin/stdout/stderr: text streams on the board's console."""
    buffer: _BufferStream  # (set by _console)

    def __init__(self, fd: int, write=None, readline=None, raw_byte=None):
        self._fd = fd
        self._write = write
        self._readline = readline
        self._raw_byte = raw_byte  # () -> the console's next byte, or None
        self._pending = ""

    def write(self, data):
        if isinstance(data, (bytes, bytearray, memoryview)):
            raw = bytes(data)
            text = raw.decode("utf-8", "replace")
        elif isinstance(data, str):
            raw = None
            text = data
        else:
            raise TypeError("object with buffer protocol required")
        if self._write is None:
            raise OSError(1)  # EPERM: stdin is not writable
        self._write(text)
        # the console stream counts bytes written, as a board's UART does
        return len(raw) if raw is not None else len(text.encode("utf-8", "surrogatepass"))

    def flush(self):
        return None

    def _fill(self) -> bool:
        if self._readline is None:
            raise OSError(1)
        rx = self._raw_byte() if self._raw_byte is not None else None
        if rx is not None:
            # a board's console stream: bytes as they arrive, no echo, no line editing
            # (Enter sends "\r"; readline() waits for "\n")
            data = bytearray([rx()])
            while data[0] >= 0xC0 and len(data) < 4 and not _complete_utf8(data):
                data.append(rx())
            self._pending += data.decode("utf-8", "replace")
            return True
        line = self._readline()
        if not line:
            return False
        self._pending += line
        return True

    def readline(self, size=-1):
        while "\n" not in self._pending and self._fill():
            pass
        if "\n" in self._pending:
            cut = self._pending.index("\n") + 1
        else:
            cut = len(self._pending)
        if size is not None and size >= 0:
            cut = min(cut, size)
        line, self._pending = self._pending[:cut], self._pending[cut:]
        return line

    def read(self, n=-1):
        if n is None or n < 0:
            while self._fill():
                pass
            n = len(self._pending)
        while len(self._pending) < n and self._fill():
            pass
        data, self._pending = self._pending[:n], self._pending[n:]
        return data

    def readinto(self, buf):
        data = self.read(len(buf)).encode("utf-8")
        buf[:len(data)] = data
        return len(data)

    def __repr__(self):
        return f"<io.TextIOWrapper {self._fd}>"


def _complete_utf8(data: bytearray) -> bool:
    lead = data[0]
    need = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    return len(data) >= need


class _BufferStream(_Stream):
    """sys.stdin.buffer, sys.stdout.buffer, sys.stderr.buffer: the same console, in bytes.

    On the board's REPL (``raw_byte``/``raw_write`` given) they are binary-exact, as
    MicroPython's stdio_buffer: a read of n bytes takes exactly n bytes from the console,
    writes go out unchanged (no CR LF cooking), so protocols such as mpremote's mount can
    run over them.
    """

    def __init__(self, fd: int, write=None, readline=None, raw_byte=None, raw_write=None,
                 raw_read=None):
        super().__init__(fd, write, readline, raw_byte)
        self._raw_write = raw_write  # () -> a function sending bytes unchanged, or None
        self._raw_read = raw_read  # () -> a function taking n bytes at once, or None

    def _rx(self):
        return self._raw_byte() if self._raw_byte is not None else None

    def read(self, n=-1):
        rx = self._rx()
        if rx is None or n is None or n < 0:
            return super().read(n).encode("utf-8", "surrogateescape")
        bulk = self._raw_read() if self._raw_read is not None else None
        if bulk is not None:
            return bulk(n)
        return bytes(rx() for _ in range(n))

    def readinto(self, buf, n=None):
        size = len(buf) if n is None else min(int(n), len(buf))
        data = self.read(size)
        buf[:len(data)] = data
        return len(data)

    def readline(self, size=-1):
        rx = self._rx()
        if rx is None:
            return super().readline(size).encode("utf-8", "surrogateescape")
        line = bytearray()
        while size is None or size < 0 or len(line) < size:
            line.append(rx())
            if line[-1] == 0x0A:
                break
        return bytes(line)

    def write(self, data, n=None):
        send = self._raw_write() if self._raw_write is not None else None
        if send is None or not isinstance(data, (bytes, bytearray, memoryview)):
            return super().write(data if n is None else data[:n])
        raw = bytes(data) if n is None else bytes(data)[:max(0, int(n))]
        send(raw)
        return len(raw)

    def __repr__(self):
        return f"<io.FileIO {self._fd}>"


class _PosixStream(_Stream):
    """The unix port's sys.stdin/stdout/stderr: POSIX files, which know their descriptor."""

    def fileno(self) -> int:
        return self._fd


class _PosixBufferStream(_BufferStream):
    def fileno(self) -> int:
        return self._fd


for _cls in (_Stream, _PosixStream):
    _cls.__module__, _cls.__qualname__, _cls.__name__ = "builtins", "TextIOWrapper", \
        "TextIOWrapper"
for _cls in (_BufferStream, _PosixBufferStream):
    _cls.__module__, _cls.__qualname__, _cls.__name__ = "builtins", "FileIO", "FileIO"


def _console(fd: int, write=None, readline=None, raw_byte=None, raw_write=None,
             raw_read=None, posix: bool = False) -> _Stream:
    stream = (_PosixStream if posix else _Stream)(fd, write, readline, raw_byte)
    stream.buffer = (_PosixBufferStream if posix else _BufferStream)(
        fd, write, readline, raw_byte, raw_write, raw_read)
    return stream


def make_module(ctx):
    interp = ctx.interpreter
    rt = interp.runtime

    def exit(*code):  # noqa: A001 - sys.exit(None) keeps its argument, as on MicroPython
        if len(code) > 1:
            raise TypeError("function takes at most 1 positional arguments but %d were given"
                            % len(code))
        raise SystemExit(*code)

    def print_exception(*args):
        check_arity(args, 1, 2)
        exc, target = args[0], args[1:]
        file = target[0] if target else None
        if target and not isinstance(file, (_Stream, _File, IOBase, _MemoryStream)):
            # py/modsys.c: mp_get_stream_raise(file, MP_STREAM_OP_WRITE), None included
            raise OSError("stream operation not supported")
        if isinstance(exc, BaseException):
            text = interp.format_exception(exc)
        else:  # mp_obj_print_exception prints anything else as its repr
            text = mp_repr(exc) + "\n"
        if file is None:
            interp.write_stdout(text)
        else:
            file.write(text)

    def assign(name, value):
        """sys.path, ps1 and ps2 may be assigned (py/modsys.c's attribute delegation)."""
        if name == "path":
            rt.path = value  # the import system searches the new list
            return True
        return name in ("ps1", "ps2")

    def atexit(fn):
        old, rt.exit_function = rt.exit_function, fn
        return old

    def exc_info():
        exc = rt.cur_exception
        return (None, None, None) if exc is None else (type(exc), exc, None)

    features = ctx.features
    extra = {**({"atexit": atexit} if features.sys_atexit else {}),
             **({"exc_info": exc_info} if features.sys_exc_info else {})}
    posix = features.stdio_fileno
    profile = getattr(ctx.board, "profile", None)
    platform = profile.platform if profile is not None else "linux"
    return {
        "__mpt_setattr__": assign,
        "argv": interp.argv,
        "path": rt.path,
        "modules": rt.modules,
        "exit": exit,
        "print_exception": print_exception,
        # on the board's REPL the console's raw byte source (ctx.extra["console_rx"]);
        # without one (mpt run) the host's input lines
        "stdin": _console(0, readline=interp.read_line,
                          raw_byte=lambda: ctx.extra.get("console_rx"),
                          raw_read=lambda: ctx.extra.get("console_read"), posix=posix),
        # their .buffer sends bytes unchanged on the board (ctx.extra["console_tx"])
        "stdout": _console(1, write=interp.write_stdout,
                           raw_write=lambda: ctx.extra.get("console_tx"), posix=posix),
        "stderr": _console(2, write=interp.write_stderr,
                           raw_write=lambda: ctx.extra.get("console_tx"), posix=posix),
        "version": f"3.4.0; MicroPython v{MICROPYTHON_VERSION} on {BUILD_DATE}",
        "version_info": (3, 4, 0),
        "implementation": make_implementation(profile),
        "platform": platform,
        "byteorder": "little",
        "maxsize": 2147483647,
        "ps1": ">>> ",
        "ps2": "... ",
        "__name__": "sys",
        **extra,
    }
