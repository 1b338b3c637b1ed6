# machine.mem8/16/32 (extmod/machine_mem.c): how they print, and the errors of an index that
# is no address, of a misaligned one and of deleting an item
import machine

print(repr(machine.mem8), machine.mem16, str(machine.mem32))


def attempt(fn):
    try:
        fn()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


def store(mem, index, value):
    mem[index] = value


def store_slice(mem, value):
    mem[0:1] = value


def delete(mem):
    del mem[0]


attempt(lambda: machine.mem8[0:1])
attempt(lambda: store_slice(machine.mem8, 10))
for index in ("hello", 1.5):
    attempt(lambda: machine.mem8[index])
    attempt(lambda: store(machine.mem8, index, 10))
attempt(lambda: delete(machine.mem8))
attempt(lambda: machine.mem16[1])
attempt(lambda: store(machine.mem32, 2, 1))
