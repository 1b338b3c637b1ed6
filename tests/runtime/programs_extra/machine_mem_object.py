# machine.mem8/16/32 as objects (extmod/machine_mem.c): their repr and type, and the
# operations they refuse before touching memory
import machine

print(machine.mem8, machine.mem16, machine.mem32, type(machine.mem8))
try:
    del machine.mem8[0]
except TypeError as e:
    print("TypeError", e)
try:
    machine.mem8[0:1]
except TypeError:
    print("TypeError slice")
try:
    machine.mem8[0:1] = 10
except TypeError:
    print("TypeError slice store")
try:
    machine.mem16["hello"]
except TypeError:
    print("TypeError str")
try:
    machine.mem16[1]
except ValueError as e:
    print("ValueError", e)
