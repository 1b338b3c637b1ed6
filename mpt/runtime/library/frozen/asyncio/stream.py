# Streams over pollable objects such as machine.UART (guest code):
#     reader = asyncio.StreamReader(uart); line = await reader.readline()

from . import core


class Stream:
    def __init__(self, s, e={}):
        self.s = s
        self.e = e
        self.out_buf = b""

    def get_extra_info(self, v):
        return self.e[v]

    def close(self):
        pass

    async def wait_closed(self):
        self.s.close()

    def read(self, n=-1):
        # n >= 0: whatever one read gives once readable; n < 0: everything until EOF.
        r = b""
        while True:
            yield core._io_queue.queue_read(self.s)
            chunk = self.s.read(n)
            if chunk is None:
                continue
            if n >= 0:
                return chunk
            if not len(chunk):
                return r
            r += chunk

    def readinto(self, buf):
        yield core._io_queue.queue_read(self.s)
        return self.s.readinto(buf)

    def readexactly(self, n):
        r = b""
        while n:
            yield core._io_queue.queue_read(self.s)
            chunk = self.s.read(n)
            if chunk is None:
                continue
            if not len(chunk):
                raise EOFError
            r += chunk
            n -= len(chunk)
        return r

    def readline(self):
        line = b""
        while True:
            yield core._io_queue.queue_read(self.s)
            part = self.s.readline()
            if part is None:
                continue
            line += part
            if not part or line[-1] == 10:
                return line

    def write(self, buf):
        # Write what the stream takes now; keep the rest for drain().
        if not self.out_buf:
            ret = self.s.write(buf)
            if ret == len(buf):
                return
            if ret is not None:
                buf = buf[ret:]
        self.out_buf += buf

    def drain(self):
        if not self.out_buf:
            return (yield from core.sleep_ms(0))
        pending = memoryview(self.out_buf)
        off = 0
        while off < len(pending):
            yield core._io_queue.queue_write(self.s)
            ret = self.s.write(pending[off:])
            if ret is not None:
                off += ret
        self.out_buf = b""


StreamReader = Stream
StreamWriter = Stream


async def stream_awrite(self, buf, off=0, sz=-1):
    if off != 0 or sz != -1:
        buf = memoryview(buf)
        if sz == -1:
            sz = len(buf)
        buf = buf[off : off + sz]
    self.write(buf)
    await self.drain()


Stream.aclose = Stream.wait_closed
Stream.awrite = stream_awrite
Stream.awritestr = stream_awrite
