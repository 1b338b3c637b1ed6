"""The seccomp filter of the OS boundary (mpt.runtime.board.confine) for each architecture it
knows, run on a small classic-BPF interpreter here: every system call it must refuse is
refused, by the number the kernel's own headers give, and everything else is let through.
The numbers are checked against this machine's <asm-generic/unistd.h> (the table arm64
uses) and <linux/audit.h>, <linux/elf-em.h> when they are installed; the program itself is
checked on any machine, as it is plain bytes."""

from __future__ import annotations

import os
import re
import struct

import pytest

from mpt.runtime.board import confine

INCLUDE = "/usr/include"
GENERIC_UNISTD = os.path.join(INCLUDE, "asm-generic", "unistd.h")

ALLOW = 0x7FFF0000
KILL = 0x80000000
ERRNO = 0x00050000
EPERM, EACCES, ENOSYS = 1, 13, 38


def run_filter(program: bytes, arch: int, nr: int, args=(0, 0, 0, 0, 0, 0)) -> int:
    """What the kernel would do: seccomp_data is (nr, arch, ip, args[6]), little-endian."""
    data = struct.pack("<iIQ6Q", nr, arch, 0, *args)
    ops = [struct.unpack("=HBBI", program[i:i + 8]) for i in range(0, len(program), 8)]
    acc, pc = 0, 0
    while True:
        code, jt, jf, k = ops[pc]
        pc += 1
        if code == 0x20:    # ld w abs
            acc = struct.unpack_from("<I", data, k)[0]
        elif code == 0x15:  # jeq k
            pc += jt if acc == k else jf
        elif code == 0x35:  # jge k
            pc += jt if acc >= k else jf
        elif code == 0x45:  # jset k
            pc += jt if acc & k else jf
        elif code == 0x06:  # ret k
            return k
        else:
            raise AssertionError(f"unexpected BPF instruction {code:#x}")


def header_numbers(path: str) -> dict[str, int]:
    with open(path) as header:
        text = header.read()
    numbers: dict[str, int] = {}
    for name, number in re.findall(r"#define __NR(?:3264)?_(\w+)\s+(\d+)", text):
        numbers.setdefault(name, int(number))
    return numbers


def audit_arch_aarch64() -> int:
    with open(os.path.join(INCLUDE, "linux", "elf-em.h")) as header:
        machine = int(re.search(r"#define EM_AARCH64\s+(\d+)", header.read()).group(1))
    with open(os.path.join(INCLUDE, "linux", "audit.h")) as header:
        text = header.read()
    bits = {name: int(value, 16) for name, value in
            re.findall(r"#define (__AUDIT_ARCH_64BIT|__AUDIT_ARCH_LE)\s+(0x[0-9a-fA-F]+)", text)}
    assert re.search(r"#define AUDIT_ARCH_AARCH64\s+\(EM_AARCH64\|__AUDIT_ARCH_64BIT\|"
                     r"__AUDIT_ARCH_LE\)", text)
    return machine | bits["__AUDIT_ARCH_64BIT"] | bits["__AUDIT_ARCH_LE"]


REFUSED = {name: EPERM for name in confine._DENIED}
REFUSED.update({name: EACCES for name in confine._ADDRESSING})


@pytest.mark.skipif(not os.path.exists(GENERIC_UNISTD), reason="no kernel headers installed")
def test_the_aarch64_table_has_the_kernels_numbers():
    numbers = header_numbers(GENERIC_UNISTD)
    table = confine._NR["aarch64"]
    assert {name: numbers.get(name) for name in table} == table
    # what the table leaves out, the architecture does not have
    assert [name for name in (*confine._DENIED, *confine._ADDRESSING) if name not in table] \
        == [name for name in (*confine._DENIED, *confine._ADDRESSING) if name not in numbers] \
        == ["fork", "vfork"]
    assert numbers["seccomp"] == confine._SYS_SECCOMP["aarch64"]
    assert (numbers["landlock_create_ruleset"], numbers["landlock_add_rule"],
            numbers["landlock_restrict_self"]) == (confine._SYS_LANDLOCK_CREATE_RULESET,
                                                   confine._SYS_LANDLOCK_ADD_RULE,
                                                   confine._SYS_LANDLOCK_RESTRICT_SELF)
    if os.path.exists(os.path.join(INCLUDE, "linux", "audit.h")):
        assert audit_arch_aarch64() == confine._AUDIT_ARCH["aarch64"]


@pytest.mark.parametrize("arch", sorted(confine._NR))
@pytest.mark.parametrize("network", [False, True], ids=["no-network", "network"])
def test_the_program_refuses_what_it_must_and_nothing_else(arch, network):
    program = confine.seccomp_program(arch, network)
    audit = confine._AUDIT_ARCH[arch]
    table = confine._NR[arch]
    other = next(a for a in confine._AUDIT_ARCH.values() if a != audit)
    assert run_filter(program, other, table["execve"]) == KILL  # another ABI: killed
    for name, errno in REFUSED.items():
        if name not in table:
            continue
        expected = ALLOW if network and name in confine._ADDRESSING else ERRNO | errno
        assert run_filter(program, audit, table[name]) == expected, name
    refused = {table[name] for name in REFUSED if name in table} | {
        table[name] for name in ("clone", "clone3", "ioctl", "prlimit64", "socket", "sendto")}
    for nr in range(0, 512):  # every other call below the highest number in use passes
        if nr not in refused:
            assert run_filter(program, audit, nr) == ALLOW, nr
    thread = 0x00010000 | 0x00000100  # CLONE_THREAD | CLONE_VM
    assert run_filter(program, audit, table["clone"], (thread, 0, 0, 0, 0, 0)) == ALLOW
    assert run_filter(program, audit, table["clone"], (17, 0, 0, 0, 0, 0)) == ERRNO | EPERM
    assert run_filter(program, audit, table["clone3"]) == ERRNO | ENOSYS
    assert run_filter(program, audit, table["ioctl"], (0, 0x5412, 0, 0, 0, 0)) == ERRNO | EPERM
    assert run_filter(program, audit, table["ioctl"], (0, 0x5401, 0, 0, 0, 0)) == ALLOW
    assert run_filter(program, audit, table["prlimit64"], (0, 9, 0, 0, 0, 0)) == ALLOW
    assert run_filter(program, audit, table["prlimit64"], (0, 9, 0x1000, 0, 0, 0)) == \
        ERRNO | EPERM
    inet, unix = (2, 1, 0, 0, 0, 0), (1, 1, 0, 0, 0, 0)
    assert run_filter(program, audit, table["socket"], unix) == ALLOW
    assert run_filter(program, audit, table["socket"], inet) == \
        (ALLOW if network else ERRNO | EACCES)
    addressed = (3, 0, 1, 0, 0x7000, 16)
    assert run_filter(program, audit, table["sendto"], addressed) == \
        (ALLOW if network else ERRNO | EACCES)
    assert run_filter(program, audit, table["sendto"], (3, 0, 1, 0, 0, 0)) == ALLOW
