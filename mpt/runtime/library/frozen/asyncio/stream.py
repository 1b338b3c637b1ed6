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


# TCP over the board's socket module (boards with a radio): a connected socket becomes one
# Stream used as both reader and writer, as MicroPython's asyncio gives it.


def _address(host, port):
    import socket

    return socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)[0]


def open_connection(host, port, ssl=None, server_hostname=None):
    from errno import EINPROGRESS
    import socket

    info = _address(host, port)
    s = socket.socket(info[0], info[1], info[2])
    s.setblocking(False)
    try:
        s.connect(info[-1])
    except OSError as er:
        if er.errno != EINPROGRESS:
            raise er
    # wait until connected (a refused connection shows on the first read or write)
    yield core._io_queue.queue_write(s)
    if ssl:
        if ssl is True:
            import ssl as ssl_module

            ssl = ssl_module.SSLContext(ssl_module.PROTOCOL_TLS_CLIENT)
        s = ssl.wrap_socket(s, server_hostname=server_hostname or host,
                            do_handshake_on_connect=False)
        s.setblocking(False)
    stream = Stream(s)
    return stream, stream


class Server:
    # what start_server returns: close() stops accepting, wait_closed() waits for that

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.close()
        await self.wait_closed()

    def close(self):
        self.task.cancel()

    async def wait_closed(self):
        await self.task

    def _serve(self, s, cb, ssl):
        try:
            while True:
                yield core._io_queue.queue_read(s)
                try:
                    conn, addr = s.accept()
                except OSError:
                    continue  # the connection went away before it was accepted
                conn.setblocking(False)
                if ssl:
                    conn = ssl.wrap_socket(conn, server_side=True,
                                           do_handshake_on_connect=False)
                    conn.setblocking(False)
                stream = Stream(conn, {"peername": addr})
                core.create_task(cb(stream, stream))
        except core.CancelledError:
            s.close()


def start_server(cb, host, port, backlog=5, ssl=None):
    import socket

    info = _address(host, port)
    s = socket.socket()
    s.setblocking(False)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(info[-1])
    s.listen(backlog)
    server = Server()
    server.task = core.create_task(server._serve(s, cb, ssl))
    return server
    yield  # a generator, awaited as MicroPython's coroutine is


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
