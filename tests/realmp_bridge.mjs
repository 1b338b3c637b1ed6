// Serves the real MicroPython 1.29 (webassembly build) REPL on a TCP port, byte for byte,
// so the host protocol code can be checked against real firmware behaviour.
// Prints "PORT <n>" on its first line. Limits of this build: no raw-paste (its stdin reader
// cannot block) and no Ctrl-C while code runs (single-threaded).
import net from "node:net";
import path from "node:path";

const packageDir = process.argv[2];
const { loadMicroPython } = await import(path.join(packageDir, "micropython.mjs"));

let socket = null;
// Real boards send print() output "cooked" (\n as \r\n); this build does not, so cook here.
let previous = 0;
function toHost(bytes) {
    const out = [];
    for (const byte of bytes) {
        if (byte === 10 && previous !== 13) out.push(13);
        out.push(byte);
        previous = byte;
    }
    if (socket) socket.write(Buffer.from(out));
}
const mp = await loadMicroPython({
    heapsize: 4 * 1024 * 1024,
    linebuffer: false,
    stdout: toHost,
});
mp.runPython("import os\nos.mkdir('/flash')\nos.chdir('/flash')");

const server = net.createServer((conn) => {
    socket = conn;
    conn.on("data", (data) => {
        for (const byte of data) {
            if (mp.replProcessChar(byte) !== 0) {
                // forced exit = soft reset request: reboot the REPL as a port's main loop does
                conn.write("MPY: soft reboot\r\n");
                mp.replInit();
            }
        }
    });
    // a newer connection may already have taken over: only forget our own
    conn.on("close", () => { if (socket === conn) socket = null; });
    conn.on("error", () => { if (socket === conn) socket = null; });
});
server.listen(0, "127.0.0.1", () => {
    mp.replInit();
    process.stdout.write(`PORT ${server.address().port}\n`);
});
