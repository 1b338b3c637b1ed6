# the unix port has no static scheduler nodes: micropython.kbd_intr cannot be scheduled,
# other callbacks can
import micropython
import time

try:
    micropython.schedule(micropython.kbd_intr, None)
except ValueError as e:
    print("ValueError", e.args)


def callback(arg):
    print("callback", arg)


micropython.schedule(callback, 1)
time.sleep(0)
print("done")
