import errno

print(type(errno.errorcode).__name__, len(errno.errorcode))
for code in sorted(errno.errorcode):
    print(code, errno.errorcode[code])
print(errno.errorcode[errno.ENOENT], errno.errorcode.get(9999))
try:
    errno.errorcode[9999]
except KeyError as e:
    print("KeyError", e)
e = OSError(errno.EEXIST)
print(e, e.args, e.errno if hasattr(e, "errno") else "-")
print(OSError(errno.ENOENT, "msg"), repr(OSError(errno.EINVAL)))
try:
    raise OSError(errno.EACCES)
except OSError as err:
    print(err.args[0] == errno.EACCES, errno.errorcode[err.args[0]])
try:
    setattr(errno, "ENOENT", 1)
except AttributeError as e:
    print("AttributeError", e)
