// Checks a .vsix (a zip) from its central directory: the expected files are there, nothing that should
// have been bundled or ignored (node_modules, sources, maps) slipped in, and, for a platform-specific
// package, the server binary is inside with its executable bits.
//
//   node scripts/check-vsix.mjs FILE.vsix                       the universal package: no server/
//   node scripts/check-vsix.mjs FILE.vsix --target T [--run]    a bundled one; --run unpacks the
//                                                                server and runs `copydesk --version`
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";

/** The central directory's entries: name, Unix mode (0 when the archiver stored none) and where the data is. */
export function zipEntries(buf) {
  // The end-of-central-directory record is in the last 22 + 65535 bytes (a trailing comment may follow it).
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip file: no end-of-central-directory record");
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(off) !== 0x02014b50) throw new Error(`corrupt central directory at entry ${n}`);
    const madeBy = buf.readUInt16LE(off + 4) >> 8; // 3 = Unix: the external attributes' high half is st_mode
    const method = buf.readUInt16LE(off + 10);
    const crc = buf.readUInt32LE(off + 16);
    const compressedSize = buf.readUInt32LE(off + 20);
    const size = buf.readUInt32LE(off + 24);
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    const external = buf.readUInt32LE(off + 38);
    const localHeader = buf.readUInt32LE(off + 42);
    entries.push({
      name: buf.toString("utf8", off + 46, off + 46 + nameLen),
      mode: madeBy === 3 ? external >>> 16 : 0,
      method,
      crc,
      compressedSize,
      size,
      localHeader,
    });
    off += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The uncompressed bytes of one entry (stored or deflated), its CRC checked. */
export function extract(buf, entry) {
  const h = entry.localHeader;
  if (buf.readUInt32LE(h) !== 0x04034b50) throw new Error(`${entry.name}: bad local header`);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const raw = buf.subarray(start, start + entry.compressedSize);
  let data;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) data = zlib.inflateRawSync(raw);
  else throw new Error(`${entry.name}: unsupported compression method ${entry.method}`);
  if (data.length !== entry.size) throw new Error(`${entry.name}: ${data.length} bytes unpacked, ${entry.size} expected`);
  if (typeof zlib.crc32 === "function" && zlib.crc32(data) >>> 0 !== entry.crc) throw new Error(`${entry.name}: CRC mismatch`);
  return data;
}

function fail(messages) {
  for (const m of messages) console.error(m);
  process.exit(1);
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--")) ?? "copydesk.vsix";
const ti = args.indexOf("--target");
const target = ti >= 0 ? args[ti + 1] : undefined;
if (ti >= 0 && (target === undefined || target.startsWith("--"))) fail(["--target needs a value (linux-x64, win32-x64, ...)"]);
const runServer = args.includes("--run");

const buf = readFileSync(file);
const entries = zipEntries(buf);
const names = entries.map((e) => e.name);
const required = [
  "extension.vsixmanifest",
  "[Content_Types].xml",
  "extension/package.json",
  "extension/dist/extension.js",
  "extension/README.md",
  "extension/LICENSE.txt",
];
const serverName = target?.startsWith("win32-") ? "extension/server/copydesk.exe" : "extension/server/copydesk";
if (target !== undefined) required.push(serverName);
const forbidden = [/(^|\/)node_modules\//, /^extension\/src\//, /\.ts$/, /\.map$/, /^extension\/out\//, /\.vsix$/];
// A universal package must not carry one platform's binary.
if (target === undefined) forbidden.push(/^extension\/server\//);
else forbidden.push(new RegExp(`^extension/server/(?!${path.posix.basename(serverName).replace(".", "\\.")}$)`));

// vsce stores the README as extension/readme.md, so names compare case-insensitively.
const lower = new Set(names.map((n) => n.toLowerCase()));
const missing = required.filter((r) => !lower.has(r.toLowerCase()));
const stray = names.filter((n) => forbidden.some((re) => re.test(n)));
console.log(`${file}: ${names.length} entries${target ? ` (target ${target})` : ""}`);
for (const e of entries) console.log(`  ${e.name}${e.mode ? ` ${(e.mode & 0o7777).toString(8)}` : ""}`);
const problems = [];
if (missing.length > 0) problems.push(`missing from ${file}: ${missing.join(", ")}`);
if (stray.length > 0) problems.push(`should not be in ${file}: ${stray.join(", ")}`);

const manifestEntry = entries.find((e) => e.name === "extension.vsixmanifest");
if (target !== undefined && manifestEntry) {
  const manifest = extract(buf, manifestEntry).toString("utf8");
  if (!manifest.includes(`TargetPlatform="${target}"`)) problems.push(`${file}: extension.vsixmanifest does not name TargetPlatform="${target}"`);
}

const server = entries.find((e) => e.name === serverName);
if (server && !target?.startsWith("win32-")) {
  // VS Code unpacks with these bits; without them the extension finds the bundled file but cannot run it.
  if ((server.mode & 0o111) !== 0o111) problems.push(`${serverName} is not executable in the archive (mode ${server.mode.toString(8)})`);
  if (server.size < 1_000_000) problems.push(`${serverName} is only ${server.size} bytes`);
}
if (problems.length > 0) fail(problems);

if (runServer) {
  if (!server) fail(["--run needs --target"]);
  const dir = mkdtempSync(path.join(os.tmpdir(), "copydesk-vsix-"));
  try {
    const bin = path.join(dir, path.posix.basename(serverName));
    writeFileSync(bin, extract(buf, server));
    chmodSync(bin, server.mode & 0o7777 || 0o755);
    const r = spawnSync(bin, ["--version"], { encoding: "utf8", timeout: 10_000 });
    const pkg = JSON.parse(extract(buf, entries.find((e) => e.name === "extension/package.json")).toString("utf8"));
    const printed = (r.stdout ?? "").trim();
    if (r.status !== 0) fail([`the unpacked server failed: ${bin} --version exited ${r.status ?? r.signal}: ${r.stderr ?? r.error}`]);
    if (printed !== `copydesk ${pkg.version}`) fail([`the unpacked server says "${printed}", the extension is ${pkg.version}`]);
    console.log(`unpacked server runs: ${printed} (${server.size} bytes)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log("vsix contents ok");
