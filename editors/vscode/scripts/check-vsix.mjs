// Lists the files in a .vsix (a zip) from its central directory and checks the expected ones are there
// and nothing that should have been bundled or ignored (node_modules, sources, maps) slipped in.
import { readFileSync } from "node:fs";

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
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(off) !== 0x02014b50) throw new Error(`corrupt central directory at entry ${n}`);
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    names.push(buf.toString("utf8", off + 46, off + 46 + nameLen));
    off += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

const file = process.argv[2] ?? "copydesk.vsix";
const withServer = process.argv.includes("--with-server");
const names = zipEntries(readFileSync(file));
const required = [
  "extension.vsixmanifest",
  "[Content_Types].xml",
  "extension/package.json",
  "extension/dist/extension.js",
  "extension/README.md",
  "extension/LICENSE.txt",
];
if (withServer) required.push(process.platform === "win32" ? "extension/server/copydesk.exe" : "extension/server/copydesk");
const forbidden = [/(^|\/)node_modules\//, /^extension\/src\//, /\.ts$/, /\.map$/, /^extension\/out\//, /\.vsix$/];

// vsce stores the README as extension/readme.md, so names compare case-insensitively.
const lower = new Set(names.map((n) => n.toLowerCase()));
const missing = required.filter((r) => !lower.has(r.toLowerCase()));
const stray = names.filter((n) => forbidden.some((re) => re.test(n)));
console.log(`${file}: ${names.length} entries`);
for (const n of names) console.log(`  ${n}`);
if (missing.length > 0 || stray.length > 0) {
  if (missing.length > 0) console.error(`missing from ${file}: ${missing.join(", ")}`);
  if (stray.length > 0) console.error(`should not be in ${file}: ${stray.join(", ")}`);
  process.exit(1);
}
console.log("vsix contents ok");
