# the unix port's sys.stdin/stdout/stderr are POSIX files: they and their buffers know
# their descriptors
import sys

for stream in (sys.stdin, sys.stdout, sys.stderr):
    print(stream.fileno(), stream.buffer.fileno(), stream)
print(sys.stdout.write("text\n"), sys.stdout.buffer.write(b"bytes\n"))
