# native and viper code on two threads at once: each has its own core state
import _thread, time, micropython
@micropython.native
def work(n, out):
    s = 0
    for i in range(n):
        s += i
    out.append(s)
@micropython.viper
def vwork(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    return s
out = []
lock = _thread.allocate_lock()
def runner():
    work(3000, out)
    out.append(vwork(2000))
    lock.release()
lock.acquire()
_thread.start_new_thread(runner, ())
work(4000, out)
lock.acquire()
print(sorted(out))
