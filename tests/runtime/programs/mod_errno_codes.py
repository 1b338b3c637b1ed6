import errno

names = [n for n in dir(errno) if n.startswith("E")]
for n in sorted(names):
    print(n, getattr(errno, n))
print(len(names))
for name in ("ENOSPC", "EPIPE", "EROFS", "ESRCH", "EINTR"):
    print(name, hasattr(errno, name))
