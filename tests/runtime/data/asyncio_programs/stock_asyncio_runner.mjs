// Run a MicroPython program on the webassembly build with a given folder copied to the
// root of its file system (the stock asyncio package, compiled as firmware freezes it).
// usage: node stock_asyncio_runner.mjs PROGRAM.py LIBDIR
// stdout and stderr are written together, in the order the program produced them.
import fs from "fs";
import path from "path";

// MPT_MP_WASM: the package's micropython.mjs (record_asyncio_expected.py sets it).
if (!process.env.MPT_MP_WASM) {
  console.error("stock_asyncio_runner.mjs: error: set MPT_MP_WASM to micropython.mjs");
  process.exit(2);
}
const { loadMicroPython } = await import(process.env.MPT_MP_WASM);
const [program, libdir] = process.argv.slice(2);
const chunks = [];
const sink = (data) => chunks.push(Buffer.from(data));
const mp = await loadMicroPython({ heapsize: 1024 * 1024, stdout: sink, stderr: sink,
                                   linebuffer: false });

function copyInto(src, dst) {
  for (const name of fs.readdirSync(src)) {
    const from = path.join(src, name);
    const to = dst + "/" + name;
    if (fs.statSync(from).isDirectory()) {
      mp.FS.mkdir(to);
      copyInto(from, to);
    } else {
      mp.FS.writeFile(to, fs.readFileSync(from));
    }
  }
}

copyInto(libdir, "");
mp.FS.chdir("/");
try {
  mp.runPython(fs.readFileSync(program, "utf8"));
} catch (error) {
  if (error.name !== "PythonError") throw error;
  if (error.type !== "SystemExit") sink(error.message);
}
process.stdout.write(Buffer.concat(chunks));
