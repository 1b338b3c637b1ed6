# asyncio streams over a user-defined stream (io.IOBase with ioctl): reads wait in the
# poller until data arrives, writes the stream only partly accepts are finished by drain().
import asyncio
import io

MP_STREAM_POLL = 3
POLLIN, POLLOUT = 1, 4


class Channel(io.IOBase):
    def __init__(self, room):
        self.rx = b""
        self.tx = b""
        self.room = room  # how many bytes one write() accepts
        self.eof = False

    def ioctl(self, req, flags):
        if req != MP_STREAM_POLL:
            return -22
        ready = 0
        if flags & POLLIN and (self.rx or self.eof):
            ready |= POLLIN
        if flags & POLLOUT and self.room:
            ready |= POLLOUT
        return ready

    def read(self, n=-1):
        if not self.rx:
            return b"" if self.eof else None
        if n < 0:
            n = len(self.rx)
        data, self.rx = self.rx[:n], self.rx[n:]
        return data

    def readline(self):
        i = self.rx.find(b"\n")
        n = len(self.rx) if i < 0 else i + 1
        data, self.rx = self.rx[:n], self.rx[n:]
        return data if data or self.eof else None

    def readinto(self, buf):
        data = self.read(len(buf))
        buf[:len(data)] = data
        return len(data)

    def write(self, buf):
        n = min(self.room, len(buf))
        self.tx += bytes(buf[:n])
        return n

    def close(self):
        print("closed")


async def feeder(ch):
    for part in (b"first li", b"ne\nsecond", b" line\n", b"12345", b"67890", b"tail"):
        await asyncio.sleep_ms(30)
        print("feed", part)
        ch.rx += part
    await asyncio.sleep_ms(30)
    ch.eof = True


async def main():
    ch = Channel(room=4)
    reader = asyncio.StreamReader(ch)
    writer = asyncio.StreamWriter(ch, {"peername": "chan"})
    print(writer.get_extra_info("peername"))
    asyncio.create_task(feeder(ch))
    print("line", await reader.readline())
    print("line", await reader.readline())
    print("exactly", await reader.readexactly(7))
    print("read", await reader.read(2))
    print("read all", await reader.read())
    try:
        await reader.readexactly(1)
    except EOFError:
        print("EOFError")

    writer.write(b"hello world")
    print("queued", ch.tx)
    await writer.drain()
    print("drained", ch.tx)
    await writer.awrite(b"0123456789", 2, 5)
    print("awrite", ch.tx)
    buf = bytearray(3)
    ch.rx = b"xyz"
    print("readinto", await reader.readinto(buf), buf)
    await writer.wait_closed()


asyncio.run(main())
