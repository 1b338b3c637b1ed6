import errno
for code in [errno.EPERM, errno.ENOENT, errno.EIO, errno.EBADF, errno.EACCES, errno.EEXIST, errno.ENODEV, errno.EISDIR, errno.EINVAL, errno.ETIMEDOUT]:
    e = OSError(code)
    print(code, errno.errorcode.get(code), e.args[0] == code, str(e))
e = OSError(errno.EIO, "custom")
print(e.args, e.errno)
