// Tests of check-vsix.mjs on small .vsix files written here: it must pass a good bundled package and
// fail one whose server is not executable, is missing, runs the wrong version, or sits in a universal
// package. Run by `npm test` (node --test).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";

const script = path.join(import.meta.dirname, "check-vsix.mjs");

/** A zip of stored (uncompressed) entries: [name, data, unix mode]. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data, mode] of entries) {
    const nameBuf = Buffer.from(name, "utf8");
    const body = Buffer.from(data);
    const crc = zlib.crc32(body) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(body.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(body.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, body);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** A stand-in server: a shell script padded past the size check, printing `copydesk VERSION`. */
function server(version) {
  return `#!/bin/sh\necho "copydesk ${version}"\nexit 0\n#${"x".repeat(1_100_000)}\n`;
}

function vsix({ target, serverName = "extension/server/copydesk", mode = 0o755, version = "0.1.0", withServer = true }) {
  const manifest = `<PackageManifest><Metadata><Identity Id="copydesk" Version="0.1.0"${target ? ` TargetPlatform="${target}"` : ""}/></Metadata></PackageManifest>`;
  const entries = [
    ["extension.vsixmanifest", manifest, 0o644],
    ["[Content_Types].xml", "<Types/>", 0o644],
    ["extension/package.json", JSON.stringify({ name: "copydesk", version: "0.1.0" }), 0o644],
    ["extension/readme.md", "# Copydesk", 0o644],
    ["extension/LICENSE.txt", "MIT", 0o644],
    ["extension/dist/extension.js", "exports.activate = () => {};", 0o644],
  ];
  if (withServer) entries.push([serverName, server(version), mode]);
  return zip(entries);
}

function check(buf, ...args) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "check-vsix-test-"));
  try {
    const file = path.join(dir, "t.vsix");
    writeFileSync(file, buf);
    const r = spawnSync(process.execPath, [script, file, ...args], { encoding: "utf8" });
    return { status: r.status, out: r.stdout + r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const unix = process.platform !== "win32";

test("a bundled linux-x64 package with an executable server passes, and --run runs it", { skip: !unix }, () => {
  const r = check(vsix({ target: "linux-x64" }), "--target", "linux-x64", "--run");
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /unpacked server runs: copydesk 0\.1\.0/);
});

test("a server without executable bits fails", () => {
  const r = check(vsix({ target: "linux-x64", mode: 0o644 }), "--target", "linux-x64");
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /extension\/server\/copydesk is not executable in the archive \(mode 100644\)/);
});

test("a server that reports another version than the extension fails --run", { skip: !unix }, () => {
  const r = check(vsix({ target: "linux-x64", version: "0.0.9" }), "--target", "linux-x64", "--run");
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /says "copydesk 0\.0\.9", the extension is 0\.1\.0/);
});

test("a win32 package needs copydesk.exe, and a manifest naming another platform fails", () => {
  const r = check(vsix({ target: "win32-x64" }), "--target", "win32-x64");
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /missing from .*extension\/server\/copydesk\.exe/);
  assert.match(r.out, /should not be in .*extension\/server\/copydesk\b/);
  const other = check(vsix({ target: "darwin-arm64" }), "--target", "linux-x64");
  assert.match(other.out, /does not name TargetPlatform="linux-x64"/);
});

test("the universal package must not carry a server", () => {
  assert.equal(check(vsix({ withServer: false })).status, 0);
  const r = check(vsix({}));
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /should not be in .*extension\/server\/copydesk/);
});
