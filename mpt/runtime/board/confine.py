"""The OS-level boundary around guest code (issue 9): confine the current process.

One job: after start-up and before the guest's first instruction, ask the operating system to
hold the process to what an emulated board needs, so that guest code that got past mpt's
in-process attribute filter still cannot reach the host. On Linux three layers are applied,
each covering what the others cannot:

- Landlock (kernel ABI 1+): the file system. The flash folder is read-write; what the
  interpreter must read (its install, the mpt package, shared libraries) is read-only;
  everything else is refused (EACCES), also through symlinks. ABI 4+: no TCP bind or
  connect unless the network is granted. ABI 6+: no signals to processes outside the
  domain, no abstract unix sockets outside it. Landlock filters paths and TCP ports only.
- seccomp (a BPF filter, installed on every thread; x86_64 and aarch64): no process creation (execve, fork,
  clone without CLONE_THREAD), no ptrace or another process's memory, no mounts, namespaces,
  modules, io_uring (which would bypass seccomp), no keystroke injection into the terminal
  (TIOCSTI), no raising resource limits (root keeps CAP_SYS_RESOURCE), and, unless the
  network is granted, no sockets but AF_UNIX (UDP and raw sockets, which Landlock does not
  see) and no connect, bind, listen, sendmsg/sendmmsg, or sendto with a destination
  address: the inet sockets of a board with a radio come from the network broker
  (netbroker.py), a process forked before confinement that binds, connects and sends
  only where the board's NetPolicy allows (the loopback interface). seccomp sees integer
  arguments only, never what a pointer points at: paths are Landlock's part.
- resource limits: RLIMIT_AS caps the address space (soft = hard, and raising it is
  refused above), so a runaway allocation ends as the guest's MemoryError.

The environment is scrubbed (os.environ emptied, the process's initial environment block
zeroed) so no secret in it reaches the guest.

All of this applies to the calling thread and the threads it starts later (Landlock) or to
every thread (seccomp, resource limits): call it before the threads that run guest code start.

The system calls are made through ctypes (see README, Dependencies): three Landlock calls, one
prctl and one seccomp call do not justify a package and a C library (libseccomp).
"""

from __future__ import annotations

import ctypes
import os
import struct
import sys
from collections.abc import Sequence

from mpt.errors import MptError

# --- Landlock (include/uapi/linux/landlock.h) ----------------------------------------------
_SYS_LANDLOCK_CREATE_RULESET = 444   # the same number on every architecture
_SYS_LANDLOCK_ADD_RULE = 445
_SYS_LANDLOCK_RESTRICT_SELF = 446
_LANDLOCK_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_RULE_NET_PORT = 2

FS_EXECUTE = 1 << 0
FS_WRITE_FILE = 1 << 1
FS_READ_FILE = 1 << 2
FS_READ_DIR = 1 << 3
FS_REMOVE_DIR = 1 << 4
FS_REMOVE_FILE = 1 << 5
FS_MAKE_CHAR = 1 << 6
FS_MAKE_DIR = 1 << 7
FS_MAKE_REG = 1 << 8
FS_MAKE_SOCK = 1 << 9
FS_MAKE_FIFO = 1 << 10
FS_MAKE_BLOCK = 1 << 11
FS_MAKE_SYM = 1 << 12
FS_REFER = 1 << 13        # ABI 2
FS_TRUNCATE = 1 << 14     # ABI 3
FS_IOCTL_DEV = 1 << 15    # ABI 5
NET_BIND_TCP = 1 << 0     # ABI 4
NET_CONNECT_TCP = 1 << 1
SCOPE_ABSTRACT_UNIX = 1 << 0  # ABI 6
SCOPE_SIGNAL = 1 << 1

_FILE_RIGHTS = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV
READ_ONLY = FS_READ_FILE | FS_READ_DIR
READ_WRITE = (FS_READ_FILE | FS_READ_DIR | FS_WRITE_FILE | FS_REMOVE_DIR | FS_REMOVE_FILE
              | FS_MAKE_DIR | FS_MAKE_REG | FS_REFER | FS_TRUNCATE)

# --- seccomp (include/uapi/linux/seccomp.h, filter.h, audit.h) -----------------------------
_PR_SET_NO_NEW_PRIVS = 38
_SYS_SECCOMP = {"x86_64": 317, "aarch64": 277}
_SECCOMP_SET_MODE_FILTER = 1
_SECCOMP_FILTER_FLAG_TSYNC = 1
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_RET_KILL_PROCESS = 0x80000000
# EM_X86_64 (62) / EM_AARCH64 (183) | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE (linux/audit.h)
_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
_X32_SYSCALL_BIT = 0x40000000
# x86_64 numbers (arch/x86/entry/syscalls/syscall_64.tbl)
_NR = {"x86_64": dict(
    socket=41, connect=42, sendto=44, sendmsg=46, bind=49, listen=50, sendmmsg=307,
    clone=56, fork=57, vfork=58, execve=59, ioctl=16, ptrace=101, personality=135,
    pivot_root=155, setrlimit=160, chroot=161, mount=165, umount2=166, reboot=169,
    init_module=175, delete_module=176, kexec_load=246, add_key=248, request_key=249,
    keyctl=250, unshare=272, perf_event_open=298, prlimit64=302, setns=308,
    process_vm_readv=310, process_vm_writev=311, kcmp=312, finit_module=313,
    kexec_file_load=320, bpf=321, execveat=322, userfaultfd=323, io_uring_setup=425,
    io_uring_enter=426, io_uring_register=427, open_tree=428, move_mount=429, fsopen=430,
    fsmount=432, clone3=435, pidfd_getfd=438),
    # aarch64 numbers (include/uapi/asm-generic/unistd.h, which arm64 uses): it has no fork
    # or vfork (libc forks with clone, refused below unless CLONE_THREAD). setrlimit and
    # clone3 are there only for the architectures that ask for them (arm64 does); refusing
    # a number an architecture lacks changes nothing (ENOSYS becomes EPERM).
    "aarch64": dict(
    socket=198, connect=203, sendto=206, sendmsg=211, bind=200, listen=201, sendmmsg=269,
    clone=220, execve=221, ioctl=29, ptrace=117, personality=92, pivot_root=41,
    setrlimit=164, chroot=51, mount=40, umount2=39, reboot=142, init_module=105,
    delete_module=106, kexec_load=104, add_key=217, request_key=218, keyctl=219, unshare=97,
    perf_event_open=241, prlimit64=261, setns=268, process_vm_readv=270,
    process_vm_writev=271, kcmp=272, finit_module=273, kexec_file_load=294, bpf=280,
    execveat=281, userfaultfd=282, io_uring_setup=425, io_uring_enter=426,
    io_uring_register=427, open_tree=428, move_mount=429, fsopen=430, fsmount=432,
    clone3=435, pidfd_getfd=438)}
_DENIED = ("fork", "vfork", "execve", "execveat", "ptrace", "personality", "pivot_root",
           "setrlimit", "chroot", "mount", "umount2", "reboot", "init_module", "delete_module",
           "kexec_load", "add_key", "request_key", "keyctl", "unshare", "perf_event_open",
           "setns", "process_vm_readv", "process_vm_writev", "kcmp", "finit_module",
           "kexec_file_load", "bpf", "userfaultfd", "io_uring_setup", "io_uring_enter",
           "io_uring_register", "open_tree", "move_mount", "fsopen", "fsmount", "pidfd_getfd")
# without the network: the calls that choose an address (the broker makes them)
_ADDRESSING = ("connect", "bind", "listen", "sendmsg", "sendmmsg")
_EPERM, _EACCES, _ENOSYS = 1, 13, 38
_CLONE_THREAD = 0x00010000
_AF_UNIX = 1
_TIOCSTI, _TIOCLINUX = 0x5412, 0x541C


# What a confined guest may make the host process grow by beyond the board's heap: a Python
# object is several times its MicroPython size, and the translator's code and threads' stacks
# take address space. A runaway allocation ends in the guest's MemoryError at this bound.
CONFINED_HEADROOM_BYTES = 512 << 20
# Room for the stack a REPL thread reserves (mpt.runtime.vm.stack.THREAD_STACK_BYTES: `mpt
# emulate` runs guest code on one), so a served board has the guest threads `mpt run` has.
REPL_THREAD_ROOM_BYTES = 256 << 20
# glibc's M_ARENA_MAX (malloc.h). Left alone, each host thread that mallocs may get an arena
# of its own, reserving 64 MiB of address space apiece: under the cap that leaves room for a
# few guest threads only. One arena serves them all (they run guest code one at a time).
_M_ARENA_MAX = -8


class ConfinementError(MptError):
    """The OS boundary was required but could not be applied."""


class Confinement:
    """What was applied to this process: the report `mpt run --help` and tests read.
    (A plain class: a dataclass costs milliseconds of start-up.)"""

    def __init__(self, platform: str):
        self.platform = platform
        self.landlock_abi = 0
        self.filesystem = False     # Landlock: only the flash (rw) and the interpreter (ro)
        self.tcp = False            # Landlock ABI 4: no TCP bind/connect
        self.scoped = False         # Landlock ABI 6: no signals/abstract sockets outside
        self.syscalls = False       # seccomp: no process creation, no sockets but AF_UNIX...
        self.memory_limit: int | None = None
        self.environment_scrubbed = False
        self.missing: list[str] = []

    def __repr__(self) -> str:
        return f"Confinement({vars(self)!r})"

    @property
    def complete(self) -> bool:
        return not self.missing


def landlock_abi() -> int:
    """The kernel's Landlock ABI version; 0 where there is none."""
    if not sys.platform.startswith("linux"):
        return 0
    libc = _libc()
    ctypes.set_errno(0)
    version = libc.syscall(_SYS_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0),
                           ctypes.c_uint32(_LANDLOCK_CREATE_RULESET_VERSION))
    return max(0, version)


def interpreter_paths() -> list[str]:
    """What the interpreter and mpt must be able to read after confinement."""
    import sysconfig

    import mpt

    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             os.path.dirname(os.path.abspath(mpt.__file__)),
             # cached bytecode (read-only: a guest must not plant .pyc files a later,
             # unconfined process would run)
             getattr(sys, "pycache_prefix", None)}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        try:
            paths.add(sysconfig.get_paths()[key])
        except KeyError:
            pass
    # shared libraries an extension module may load late (libffi, libz, libssl...)
    paths.update(("/usr/lib", "/usr/lib64", "/lib", "/lib64", "/usr/local/lib",
                  "/etc/ld.so.cache", "/etc/localtime", "/usr/share/zoneinfo", "/dev/null", "/dev/urandom", "/proc/self/statm"))
    return sorted(p for p in paths if p and os.path.exists(p))


def confine_board_process(board, *, program_dir: str | None = None,
                          read_only: Sequence[str] = (), writable: Sequence[str] = (),
                          network: bool = False, supervised: bool = False) -> Confinement:
    """The CLI's one hook: confine this process around ``board`` before its guest starts.

    The flash folder read-write, the program's folder and ``read_only`` read-only (their
    imports), ``writable`` (e.g. the --vcd file) read-write, the address space capped at its
    size now plus the board's heap plus CONFINED_HEADROOM_BYTES (and room for a REPL thread's
    stack), with one malloc arena for all threads. ``supervised``: a watcher
    process stays outside and ends the guest on a Ctrl-C it cannot answer
    (mpt.runtime.board.supervisor), for runs whose Ctrl-C is meant for the guest.
    """
    if supervised:
        from mpt.runtime.board import supervisor

        supervisor.supervise()
    network = network or board.net.policy.open
    if not network and "socket" in board.profile.modules and sys.platform.startswith("linux"):
        # the guest's sockets: made by the broker, outside this process (netbroker.py), as
        # this process may not (seccomp) or may not bind and connect them (Landlock ABI 4+)
        from mpt.runtime.board.netbroker import start_broker
        broker = start_broker(board.net.policy, confine_broker=_confine_broker)
        if broker is None:
            raise ConfinementError("the network broker did not start")
        board.net = broker
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        current = None
    if network:
        read_only = [*read_only, *RESOLVER_FILES]  # names resolve through the host's resolver
    return confine(board.flash.root,
                   read_only=([program_dir] if program_dir else []) + list(read_only),
                   read_write=list(writable), network=network,
                   memory_limit=None if current is None else
                   current + board.profile.heap_bytes + CONFINED_HEADROOM_BYTES +
                   REPL_THREAD_ROOM_BYTES)


# what the C library's resolver reads (getaddrinfo), when the network is granted
RESOLVER_FILES = ("/etc/hosts", "/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/host.conf",
                  "/etc/gai.conf", "/etc/services", "/run/systemd/resolve")


def _confine_broker() -> None:
    """The network broker's own boundary: no files but the interpreter's, no processes, no
    raising limits; sockets allowed (making them is its job)."""
    confine(os.devnull, network=True)


def confine(flash: str, *, read_only: Sequence[str] = (), read_write: Sequence[str] = (),
            memory_limit: int | None = None, network: bool = False,
            required: bool = False) -> Confinement:
    """Confine this process; returns what could be applied on this platform.

    flash: the folder the guest sees as its flash (read-write). read_only / read_write: more
    paths (the program's folder, a --vcd file). memory_limit: the address-space cap in bytes.
    network: whether the guest may open TCP/UDP sockets. required: raise ConfinementError
    when a layer is missing instead of reporting it.
    """
    report = Confinement(platform=sys.platform)
    if not sys.platform.startswith("linux"):
        report.missing = ["filesystem", "syscalls", "network"]
        _limit_memory(report, memory_limit)
        _scrub_environment(report)
        return _finish(report, required)
    libc = _libc()
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise ConfinementError(f"prctl(PR_SET_NO_NEW_PRIVS): {os.strerror(ctypes.get_errno())}")
    _limit_memory(report, memory_limit)
    _scrub_environment(report)   # reads /proc/self/stat: before Landlock
    _landlock(report, flash, [*interpreter_paths(), *read_only], list(read_write), network)
    _seccomp(report, network)
    return _finish(report, required)


def _finish(report: Confinement, required: bool) -> Confinement:
    if required and report.missing:
        raise ConfinementError("cannot confine the guest on this system: no "
                               + ", ".join(report.missing))
    return report


_LIBC: list[ctypes.CDLL] = []


def _libc():
    if not _LIBC:
        _LIBC.append(ctypes.CDLL(None, use_errno=True))
    return _LIBC[0]


def _limit_memory(report: Confinement, limit: int | None) -> None:
    if limit is None:
        return
    try:
        import resource
    except ImportError:
        report.missing.append("memory limit")
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    _one_malloc_arena()
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    report.memory_limit = limit
    mallopt = getattr(_libc(), "mallopt", None)  # glibc's (absent from some C libraries)
    if mallopt is not None:
        mallopt(_M_ARENA_MAX, 1)


_M_ARENA_MAX = -8  # glibc's mallopt parameter


def _one_malloc_arena() -> None:
    """Under an address-space cap every thread shares the C library's one malloc arena:
    glibc gives each new thread an arena of its own, 64 MiB of address space that it barely
    uses, so the guest's threads (the unix build starts as many as asked) would run out of
    room for their stacks after a handful. Not glibc: nothing to do."""
    mallopt = getattr(_libc(), "mallopt", None)
    if mallopt is not None:
        mallopt(ctypes.c_int(_M_ARENA_MAX), ctypes.c_int(1))


def _landlock(report: Confinement, flash: str, read_only: list[str], read_write: list[str],
              network: bool) -> None:
    abi = landlock_abi()
    report.landlock_abi = abi
    if abi < 1:
        report.missing += ["filesystem", "tcp"]
        return
    libc = _libc()
    handled = (1 << 13) - 1
    if abi >= 2:
        handled |= FS_REFER
    if abi >= 3:
        handled |= FS_TRUNCATE
    if abi >= 5:
        handled |= FS_IOCTL_DEV
    handled_net = NET_BIND_TCP | NET_CONNECT_TCP if abi >= 4 and not network else 0
    scoped = SCOPE_ABSTRACT_UNIX | SCOPE_SIGNAL if abi >= 6 else 0
    attr = struct.pack("=QQQ", handled, handled_net, scoped)
    size = 8 if abi < 4 else 16 if abi < 6 else 24
    ruleset = libc.syscall(_SYS_LANDLOCK_CREATE_RULESET, ctypes.c_char_p(attr[:size]),
                           ctypes.c_size_t(size), ctypes.c_uint32(0))
    if ruleset < 0:
        raise ConfinementError(f"landlock_create_ruleset: {os.strerror(ctypes.get_errno())}")
    try:
        for path, rights in [(flash, READ_WRITE), *((p, READ_WRITE) for p in read_write),
                             *((p, READ_ONLY) for p in read_only)]:
            _allow_path(libc, ruleset, path, rights & handled)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 or \
                libc.syscall(_SYS_LANDLOCK_RESTRICT_SELF, ctypes.c_int(ruleset),
                             ctypes.c_uint32(0)) != 0:
            raise ConfinementError(
                f"landlock_restrict_self: {os.strerror(ctypes.get_errno())}")
    finally:
        os.close(ruleset)
    report.filesystem = True
    report.tcp = bool(handled_net) or network
    report.scoped = bool(scoped)
    if not report.tcp:
        report.missing.append("tcp")
    if not scoped:
        report.missing.append("signal scoping")


def _allow_path(libc, ruleset: int, path: str, rights: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # nothing there to allow
    try:
        if not os.path.isdir(path):
            rights &= _FILE_RIGHTS
        attr = struct.pack("=Qi", rights, fd)
        if libc.syscall(_SYS_LANDLOCK_ADD_RULE, ctypes.c_int(ruleset),
                        ctypes.c_int(_RULE_PATH_BENEATH), ctypes.c_char_p(attr),
                        ctypes.c_uint32(0)) != 0:
            raise ConfinementError(
                f"landlock_add_rule({path}): {os.strerror(ctypes.get_errno())}")
    finally:
        os.close(fd)


# --- seccomp BPF ---------------------------------------------------------------------------
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JSET_K = 0x45
_JGE_K = 0x35
_RET_K = 0x06


def _op(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def _arg_lo(i: int) -> int:
    return 16 + 8 * i   # seccomp_data.args[i], low 32 bits (little-endian)


def seccomp_program(arch: str, network: bool) -> bytes:
    """The BPF program: deny by number, with argument checks for clone, socket, ioctl and
    prlimit64; everything else is allowed (Landlock holds the file system)."""
    nr = _NR[arch]
    errno = lambda e: _op(_RET_K, _RET_ERRNO | e)  # noqa: E731
    allow = _op(_RET_K, _RET_ALLOW)
    prog = [_op(_LD_W_ABS, 4), _op(_JEQ_K, _AUDIT_ARCH[arch], 1, 0),
            _op(_RET_K, _RET_KILL_PROCESS), _op(_LD_W_ABS, 0),
            _op(_JGE_K, _X32_SYSCALL_BIT, 0, 1), errno(_EPERM)]
    # clone: threads only
    prog += [_op(_JEQ_K, nr["clone"], 0, 4), _op(_LD_W_ABS, _arg_lo(0)),
             _op(_JSET_K, _CLONE_THREAD, 1, 0), errno(_EPERM), allow]
    # clone3: its flags live behind a pointer; ENOSYS makes libc fall back to clone
    prog += [_op(_JEQ_K, nr["clone3"], 0, 1), errno(_ENOSYS)]
    # ioctl: no typing into the controlling terminal
    prog += [_op(_JEQ_K, nr["ioctl"], 0, 5), _op(_LD_W_ABS, _arg_lo(1)),
             _op(_JEQ_K, _TIOCSTI, 2, 0), _op(_JEQ_K, _TIOCLINUX, 1, 0), allow, errno(_EPERM)]
    # prlimit64: reading limits is fine, setting them is not
    prog += [_op(_JEQ_K, nr["prlimit64"], 0, 6), _op(_LD_W_ABS, _arg_lo(2)),
             _op(_JEQ_K, 0, 0, 2), _op(_LD_W_ABS, _arg_lo(2) + 4), _op(_JEQ_K, 0, 1, 0),
             errno(_EPERM), allow]
    if not network:
        prog += [_op(_JEQ_K, nr["socket"], 0, 4), _op(_LD_W_ABS, _arg_lo(0)),
                 _op(_JEQ_K, _AF_UNIX, 1, 0), errno(_EACCES), allow]
        # the broker's sockets: no address chosen here (sendto only without one: send())
        prog += [_op(_JEQ_K, nr["sendto"], 0, 6), _op(_LD_W_ABS, _arg_lo(4)),
                 _op(_JEQ_K, 0, 0, 2), _op(_LD_W_ABS, _arg_lo(4) + 4), _op(_JEQ_K, 0, 1, 0),
                 errno(_EACCES), allow]
        for name in _ADDRESSING:
            prog += [_op(_JEQ_K, nr[name], 0, 1), errno(_EACCES)]
    for name in _DENIED:
        if name in nr:  # (aarch64 has no fork or vfork)
            prog += [_op(_JEQ_K, nr[name], 0, 1), errno(_EPERM)]
    prog.append(allow)
    return b"".join(prog)


def _seccomp(report: Confinement, network: bool) -> None:
    arch = os.uname().machine
    if arch not in _NR:
        report.missing.append("syscalls")
        return
    program = seccomp_program(arch, network)
    count = len(program) // 8
    buf = ctypes.create_string_buffer(program, len(program))
    fprog = struct.pack("HP", count, ctypes.addressof(buf))  # native: padded like sock_fprog
    libc = _libc()
    if libc.syscall(_SYS_SECCOMP[arch], ctypes.c_uint(_SECCOMP_SET_MODE_FILTER),
                    ctypes.c_uint(_SECCOMP_FILTER_FLAG_TSYNC), ctypes.c_char_p(fprog)) != 0:
        raise ConfinementError(f"seccomp: {os.strerror(ctypes.get_errno())}")
    report.syscalls = True


def _scrub_environment(report: Confinement) -> None:
    os.environ.clear()   # unsetenv() for each: the C environment too
    try:
        with open("/proc/self/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        # fields 50 and 51 of stat(5) (env_start, env_end); [0] here is field 3
        start, end = int(fields[47]), int(fields[48])
        if 0 < start < end:
            ctypes.memset(start, 0, end - start)
    except (OSError, IndexError, ValueError):
        pass
    report.environment_scrubbed = True
