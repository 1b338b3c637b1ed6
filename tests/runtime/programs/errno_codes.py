import errno
print(errno.ENOENT, errno.EEXIST, errno.EINVAL, errno.EAGAIN, errno.ENOMEM)
print(errno.errorcode[errno.ENOENT], errno.errorcode[errno.EIO])
e = OSError(errno.ENOENT)
print(e.errno, e.args, e)
