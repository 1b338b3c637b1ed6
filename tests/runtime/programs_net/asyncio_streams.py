# asyncio streams: a server on a free port (argv[1]) and its client, and a client of the
# host's echo server (argv[2]).
import asyncio
import sys
try:
    import network  # a board with a radio: no traffic until the WLAN is up
    wlan = network.WLAN(network.STA_IF)
    wlan.active(True)
    wlan.connect("HomeNetwork", "password")
except ImportError:
    pass  # the unix port: the host network

port = int(sys.argv[1])


async def handle(reader, writer):
    line = await reader.readline()
    print("server got", line)
    writer.write(b"echo:" + line)
    await writer.drain()
    print("server got", await reader.read(100))
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", port)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"hi there\n")
    await writer.drain()
    print("client got", await reader.readline())
    writer.write(b"bye")
    await writer.drain()
    print("client eof", await reader.read(10))
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    reader, writer = await asyncio.open_connection("127.0.0.1", int(sys.argv[2]))
    writer.write(b"to the host\n")
    await writer.drain()
    print("host echoed", await reader.readline())
    await writer.wait_closed()
    print("done")


asyncio.run(main())
